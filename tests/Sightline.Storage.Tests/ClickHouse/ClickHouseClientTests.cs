using Sightline.Storage.ClickHouse;

namespace Sightline.Storage.Tests.ClickHouse;

/// <summary>The HTTP client against the test endpoint: values, errors and credentials as ClickHouse handles them.</summary>
public sealed class ClickHouseClientTests
{
    private static ClickHouseClient Client(string user = "default") =>
        new(new SocketsHttpHandler(), new ClickHouseOptions { Url = TestClickHouse.Url, User = user, Database = "system" });

    public static TheoryData<string> Awkward => new()
    {
        "plain",
        "it's",
        "back\\slash \\t not a tab",
        "tab\tnew\nline\rreturn",
        "double \" quote and `backtick`",
        "nul \0 byte",
        "unicode ✓ 漢字 🙂",
        "{p0:String}",
        "'; DROP TABLE x; --",
        "",
    };

    [Theory]
    [MemberData(nameof(Awkward))]
    public async Task Parameters_AnyString_ReachTheServerUnchanged(string value)
    {
        using var client = Client();
        var p = new ClickHouseParameters();

        var row = Assert.Single(await client.QueryAsync($"SELECT {p.Add(value)}, {p.Add([value, "x'y"])}", p,
            r => (Text: r.String(0), List: r.StringList(1)), CancellationToken.None));

        Assert.Equal(value, row.Text);
        Assert.Equal([value, "x'y"], row.List);
    }

    [Fact]
    public async Task Parameters_TimesNumbersAndFlags_KeepTheirValues()
    {
        using var client = Client();
        var p = new ClickHouseParameters();
        var time = new DateTime(2026, 3, 14, 9, 26, 53, 589, DateTimeKind.Utc);

        var row = Assert.Single(await client.QueryAsync($"SELECT {p.Add(time)}, toInt64('-9223372036854775808'), {p.Add(0.1)}, {p.Add(true)}", p,
            r => (r.Time(0), r.Long(1), r.NullableDouble(2), r.Bool(3)), CancellationToken.None));

        Assert.Equal((time, long.MinValue, (double?)0.1, true), row);
        Assert.Equal(DateTimeKind.Utc, row.Item1.Kind);
    }

    [Fact]
    public async Task QueryAsync_UnknownTable_ThrowsWithClickHousesCodeAndMessage()
    {
        using var client = Client();

        var error = await Assert.ThrowsAsync<ClickHouseException>(() => client.QueryAsync("SELECT * FROM no_such_table", null, r => 0, CancellationToken.None));

        Assert.Equal(60, error.Code);
        Assert.Contains("no_such_table", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueryAsync_UnknownUser_ThrowsAuthenticationFailed()
    {
        using var client = Client(user: "nobody-" + Guid.NewGuid().ToString("N")[..6]);

        var error = await Assert.ThrowsAsync<ClickHouseException>(() => client.ServerVersionAsync(CancellationToken.None));

        Assert.Equal(516, error.Code);
    }

    [Fact]
    public async Task ServerVersionAsync_ReturnsTheVersionTheServerReports()
    {
        using var client = Client();

        var version = await client.ServerVersionAsync(CancellationToken.None);

        Assert.Null(ClickHouseVersion.Problem(version));
        Assert.Equal((await TestClickHouse.RunAsync("SELECT version()")).Trim(), version);
    }

    [Theory]
    [InlineData("24.3.5.46", null)]
    [InlineData("26.7.2.1", null)]
    [InlineData("24.2.3.70", "older than 24.3")]
    [InlineData("23.8.16.16", "older than 24.3")]
    [InlineData("banana", "not a ClickHouse version")]
    public void Version_BelowTwentyFourThree_IsRefused(string reported, string? problem)
    {
        var found = ClickHouseVersion.Problem(reported);

        if (problem is null)
        {
            Assert.Null(found);
        }
        else
        {
            Assert.Contains(problem, found, StringComparison.Ordinal);
            Assert.Contains(reported, found, StringComparison.Ordinal);
        }
    }
}
