using System.Text;
using Sightline.Auth;

namespace Sightline.Core.Tests.Auth;

public sealed class ApiKeyHasherTests
{
    private static ApiKeyHasher HasherWithSalt(string salt) => new(new InstanceSecrets(Encoding.UTF8.GetBytes(salt), new byte[32]));

    [Fact]
    public void Hash_IsStableForOneSaltAndDiffersAcrossSalts()
    {
        var a = HasherWithSalt("salt-a");
        var b = HasherWithSalt("salt-b");

        Assert.Equal(a.Hash("sk-lf-secret"), a.Hash("sk-lf-secret"));
        Assert.NotEqual(a.Hash("sk-lf-secret"), b.Hash("sk-lf-secret"));
        Assert.NotEqual(a.Hash("sk-lf-secret"), a.Hash("sk-lf-secreT"));
        Assert.Matches("^[0-9a-f]{64}$", a.Hash("sk-lf-secret"));
    }

    [Fact]
    public void Hash_FollowsLangfusesFastHashRecipe_SoImportedKeysVerify() =>
        // sha256("sk-lf-secret" + hex(sha256("salt-a"))), computed independently.
        Assert.Equal("f562a54e52bba9d9ad9d91f6c59b50924f440da00a5ce9f5eb45d0dee4db5b0e", HasherWithSalt("salt-a").Hash("sk-lf-secret"));

    [Theory]
    [InlineData("sk-lf-1234567890abcdef", "sk-lf-...cdef")]
    [InlineData("lf_sk_1234567890abcdef", "lf_sk_...cdef")]
    [InlineData("mysecretvalue", "...alue")]
    [InlineData("short", "...")]
    public void DisplayHint_ShowsPrefixAndLastFourOnly(string secret, string hint) =>
        Assert.Equal(hint, ApiKeyHasher.DisplayHint(secret));

    [Fact]
    public void NewKeyPair_HasLangfusePrefixesAndIsUnique()
    {
        var (pk1, sk1) = ApiKeyHasher.NewKeyPair();
        var (pk2, sk2) = ApiKeyHasher.NewKeyPair();

        Assert.StartsWith("pk-lf-", pk1, StringComparison.Ordinal);
        Assert.StartsWith("sk-lf-", sk1, StringComparison.Ordinal);
        Assert.NotEqual(pk1, pk2);
        Assert.NotEqual(sk1, sk2);
    }

    [Theory]
    [InlineData("OWNER", Role.Owner)]
    [InlineData("admin", Role.Admin)]
    [InlineData("Member", Role.Member)]
    [InlineData("VIEWER", Role.Viewer)]
    public void RoleNames_RoundTripLangfuseSpelling(string wire, Role role)
    {
        Assert.True(RoleNames.TryParse(wire, out var parsed));
        Assert.Equal(role, parsed);
        Assert.Equal(wire.ToUpperInvariant(), RoleNames.ToWire(role));
    }
}
