using Faas.Server.Tests.Infrastructure;

namespace Faas.Server.Tests.Functions;

/// <summary>One server; each language's HTTP-handler sample deployed on first use, once, as <c>http-&lt;lang&gt;</c>.</summary>
public sealed class HttpFunctionFixture : FaasServerFixture
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, Exception?> _deployed = [];

    public async Task<string> AppAsync(string language)
    {
        var app = $"http-{language}";
        await _gate.WaitAsync(TestContext.Current.CancellationToken).Bounded(HubApi.DeployTimeout);
        try
        {
            if (!_deployed.TryGetValue(language, out var failure))
            {
                try
                {
                    await Client.DeploySampleBoundedAsync($"http-handler/{language}", app);
                    failure = null;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    failure = e;
                }
                _deployed[language] = failure;
            }
            return failure is null ? app : throw new InvalidOperationException($"The {language} handler app did not deploy: {failure.Message}", failure);
        }
        finally
        {
            _gate.Release();
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _gate.Dispose();
    }
}
