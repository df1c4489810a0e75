namespace Faas.Server.Tests.Infrastructure;

/// <summary>One server shared by the tests of a class (each test uses its own app names).</summary>
public class FaasServerFixture : IAsyncLifetime
{
    public FaasAppFactory Factory { get; } = new();

    public HttpClient Client { get; private set; } = null!;

    public string DataDirectory => Factory.DataDirectory;

    public string CallPath(string app, string function, string version = "v1") => Factory.CallPath(app, function, version);

    public virtual async ValueTask InitializeAsync() =>
        Client = await Factory.CreateReadyClientAsync().WaitAsync(TimeSpan.FromSeconds(150), TestContext.Current.CancellationToken);

    public virtual async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        await Factory.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
