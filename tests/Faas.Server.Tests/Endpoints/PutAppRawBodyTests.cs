using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Faas.Server.Tests.Infrastructure;

namespace Faas.Server.Tests.Endpoints;

/// <summary><c>PUT /api/apps/{app}</c> with the archive as the raw body (<c>curl -T app.zip</c>), not a form.</summary>
public sealed class PutAppRawBodyTests(FaasServerFixture server) : IClassFixture<FaasServerFixture>
{
    [Theory]
    [InlineData("application/zip")]
    [InlineData(null)]
    public async Task PutApp_RawZipBody_DeploysAVersion(string? contentType)
    {
        var app = contentType is null ? "raw-untyped" : "raw-zip";
        var content = new ByteArrayContent(TestZip.NodeApp("module.exports = { which: () => 'raw' };"));
        content.Headers.ContentType = contentType is null ? null : new MediaTypeHeaderValue(contentType);

        var response = await server.Client.PutAsync($"/api/apps/{app}", content, TestContext.Current.CancellationToken).Bounded(HubApi.DeployTimeout);

        var body = await response.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("v1", JsonDocument.Parse(body).RootElement.GetProperty("version").GetString());
        Assert.Equal("\"raw\"", await server.Client.CallOkAsync(server.CallPath(app, "which"), null));
    }
}
