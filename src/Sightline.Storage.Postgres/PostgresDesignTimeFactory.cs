using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Sightline.Storage.Postgres;

/// <summary>Used only by <c>dotnet ef migrations add</c> to build the model for this provider; it never connects.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<SightlineDbContext>
{
    public SightlineDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<SightlineDbContext>();
        PostgresStorageExtensions.Configure(options, "Host=localhost;Database=sightline_design_time");
        return new SightlineDbContext(options.Options);
    }
}
