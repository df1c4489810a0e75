using System.Net;
using System.Text;
using Faas.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Faas.Server.Tests.Endpoints;

/// <summary>A server whose call body limit is 64 bytes (<c>Faas:MaxCallBodyBytes</c>).</summary>
public sealed class CallBodyLimitTests : IAsyncLifetime
{
    private readonly FaasAppFactory _factory = new();
    private WebApplicationFactory<Program> _limited = null!;
    private HttpClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        _limited = _factory.WithWebHostBuilder(b => b.UseSetting("Faas:MaxCallBodyBytes", "64"));
        _client = _limited.CreateClient();
        await WaitReadyAsync();
        await _client.DeploySampleBoundedAsync("node-sum", "limit-sum");
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _limited.DisposeAsync();
        await _factory.DisposeAsync();
    }

    private string Path(string function) => _factory.CallPath("limit-sum", function);

    [Fact]
    public async Task Call_BodyOverLimit_Returns413()
    {
        var body = $"[\"{new string('x', 200)}\"]";

        var response = await _client.CallBoundedAsync(Path("echo"), body);

        Assert.StartsWith("{\"error\":\"", await response.ExpectAsync(HttpStatusCode.RequestEntityTooLarge), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_ChunkedBodyOverLimit_Returns413()
    {
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes($"[\"{new string('x', 200)}\"]")));
        content.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, Path("echo")) { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await _client.SendAsync(request, TestContext.Current.CancellationToken).Bounded();

        await response.ExpectAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Call_BodyUnderLimit_Works()
    {
        Assert.Equal("3", await _client.CallOkAsync(Path("sum"), "[1,2]"));
    }

    private async Task WaitReadyAsync()
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(120));
        while (!(await _client.GetAsync("/api/readiness", timeout.Token)).IsSuccessStatusCode)
        {
            await Task.Delay(50, timeout.Token);
        }
    }
}
