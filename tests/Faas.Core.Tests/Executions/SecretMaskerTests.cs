using System.Text.Json.Nodes;
using Faas.Core.Executions;
using Faas.Core.Functions;

namespace Faas.Core.Tests.Executions;

public sealed class SecretMaskerTests
{
    [Theory]
    [InlineData("authorization", true)]
    [InlineData("cookie", true)]
    [InlineData("x-api-key", true)]
    [InlineData("x-auth-token", true)]
    [InlineData("x-client-secret", true)]
    [InlineData("x-password", true)]
    [InlineData("content-type", false)]
    [InlineData("accept", false)]
    public void IsSecretHeader_Names_MatchTheReferenceRules(string name, bool secret) => Assert.Equal(secret, SecretMasker.IsSecretHeader(name));

    [Theory]
    [InlineData("password", true)]
    [InlineData("Password", true)]
    [InlineData("db_password", true)]
    [InlineData("client-secret", true)]
    [InlineData("api_key", true)]
    [InlineData("access_token", true)]
    [InlineData("token_type", true)]
    [InlineData("credentials", true)]
    [InlineData("username", false)]
    [InlineData("passwordless", false)]
    [InlineData("keyboard", false)]
    public void IsSecretField_Names_EqualOrJoinedWithUnderscoreOrDash(string name, bool secret) => Assert.Equal(secret, SecretMasker.IsSecretField(name));

    [Fact]
    public void MaskJsonBody_NestedSecrets_RedactedAtAnyDepth()
    {
        var masked = SecretMasker.MaskJsonBody("""{"user":"ada","password":"p1","nested":{"list":[{"api_key":"k","n":1}],"client_secret":{"deep":true}}}""");

        var node = JsonNode.Parse(masked!)!;
        Assert.Equal("ada", (string?)node["user"]);
        Assert.Equal(SecretMasker.Redacted, (string?)node["password"]);
        Assert.Equal(SecretMasker.Redacted, (string?)node["nested"]!["list"]![0]!["api_key"]);
        Assert.Equal(1, (int?)node["nested"]!["list"]![0]!["n"]);
        Assert.Equal(SecretMasker.Redacted, (string?)node["nested"]!["client_secret"]);
    }

    [Theory]
    [InlineData("password=hunter2")]
    [InlineData("{not json")]
    [InlineData("""{"user":"ada"}""")]
    public void MaskJsonBody_NothingToMask_Null(string body) => Assert.Null(SecretMasker.MaskJsonBody(body));

    [Fact]
    public void MaskedEvent_SecretHeadersQueryAndBody_RedactedOthersKept()
    {
        var request = new HttpFunctionRequest("POST", "/fn/shop", "/",
            [new("token", ["t1", "t2"]), new("page", ["2"])],
            [new("authorization", ["Bearer abc"]), new("x-test", ["t1"])],
            """{"password":"p","item":3}"""u8.ToArray(), "127.0.0.1", "http://localhost", "r1");

        var masked = JsonNode.Parse(HttpEventWriter.MaskedEvent(request))!;

        Assert.Equal(SecretMasker.Redacted, (string?)masked["headers"]!["authorization"]);
        Assert.Equal(SecretMasker.Redacted, (string?)masked["multiHeaders"]!["authorization"]![0]);
        Assert.Equal("t1", (string?)masked["headers"]!["x-test"]);
        Assert.Equal(SecretMasker.Redacted, (string?)masked["query"]!["token"]);
        Assert.Equal([SecretMasker.Redacted, SecretMasker.Redacted], masked["multiQuery"]!["token"]!.AsArray().Select(v => (string?)v));
        Assert.Equal("2", (string?)masked["query"]!["page"]);
        var body = JsonNode.Parse((string)masked["body"]!)!;
        Assert.Equal(SecretMasker.Redacted, (string?)body["password"]);
        Assert.Equal(3, (int?)body["item"]);
        Assert.DoesNotContain("abc", masked.ToJsonString());
        Assert.DoesNotContain("hunter", masked.ToJsonString());
    }
}
