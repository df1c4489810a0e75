using Faas.Core.Deployments;
using Faas.Core.Pools;

namespace Faas.Core.Tests.Deployments;

/// <summary>faas.json's <c>cors</c>: off unless given, origins normalised as browsers send them, bad values refused.</summary>
public sealed class AppCorsTests : IDisposable
{
    private readonly string _app = Directory.CreateTempSubdirectory("faas-cors-").FullName;

    public void Dispose() => Directory.Delete(_app, recursive: true);

    private AppCors? Cors(string json)
    {
        File.WriteAllText(Path.Combine(_app, AppSettingsFile.FileName), json);
        return AppSettingsFile.Apply(new PoolOptions(), _app).Cors;
    }

    [Fact]
    public void Apply_NoCors_IsOff() => Assert.Null(Cors("""{"maxWorkers":2}"""));

    [Fact]
    public void Apply_OriginList_AllowsExactlyThoseOrigins()
    {
        var cors = Cors("""{"cors":{"origins":["https://Example.com/","http://localhost:3000"],"credentials":true}}""")!;

        Assert.True(cors.Credentials);
        Assert.True(cors.Allows("https://example.com"));
        Assert.True(cors.Allows("https://example.com:443"));
        Assert.True(cors.Allows("http://localhost:3000"));
        Assert.False(cors.Allows("http://example.com"));
        Assert.False(cors.Allows("https://example.com.evil.example"));
        Assert.False(cors.Allows("http://localhost:3001"));
        Assert.False(cors.Allows("null"));
    }

    [Theory]
    [InlineData("""{"cors":"*"}""")]
    [InlineData("""{"cors":{"origins":"*"}}""")]
    public void Apply_Star_AllowsEveryOriginWithoutCredentials(string json)
    {
        var cors = Cors(json)!;

        Assert.True(cors.AnyOrigin);
        Assert.False(cors.Credentials);
        Assert.True(cors.Allows("https://anything.example"));
    }

    [Theory]
    [InlineData("""{"cors":true}""")]
    [InlineData("""{"cors":"https://example.com"}""")]
    [InlineData("""{"cors":{}}""")]
    [InlineData("""{"cors":{"origins":"*","credentials":true}}""")]
    [InlineData("""{"cors":{"origins":["https://example.com/app"]}}""")]
    [InlineData("""{"cors":{"origins":["https://example.com?x=1"]}}""")]
    [InlineData("""{"cors":{"origins":["ftp://example.com"]}}""")]
    [InlineData("""{"cors":{"origins":["example.com"]}}""")]
    [InlineData("""{"cors":{"origins":[1]}}""")]
    [InlineData("""{"cors":{"origins":["https://example.com"],"credentials":"yes"}}""")]
    public void Apply_InvalidCors_ThrowsBadRequestNamingCors(string json)
    {
        var error = Assert.Throws<FaasException>(() => Cors(json));

        Assert.Equal(FaasError.BadRequest, error.Error);
        Assert.Contains("cors", error.Message);
    }
}
