using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Sightline.Storage.Sqlite;

/// <summary>Used only by <c>dotnet ef migrations add</c> to build the model for this provider.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SightlineDbContext>
{
    public SightlineDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<SightlineDbContext>();
        SqliteStorageExtensions.Configure(options, SqliteStorageExtensions.ConnectionString("design-time.db"));
        return new SightlineDbContext(options.Options);
    }
}
