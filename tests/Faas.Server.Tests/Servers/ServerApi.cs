using System.Net;
using System.Text.Json;
using Faas.Server.Tests.Infrastructure;

namespace Faas.Server.Tests.Servers;

/// <summary>Deploying server apps through <c>PUT /api/apps/{app}</c> and calling them at <c>/invoke/{app}</c>.</summary>
internal static class ServerApi
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Deploys <paramref name="zip"/> as <paramref name="app"/>'s next version (<c>?kind=</c> when given) and expects 200.</summary>
    public static async Task<string> DeployServerAsync(this HttpClient client, string app, byte[] zip, string? kind = "server", string? env = null)
    {
        var response = await client.SendPutAsync(app, zip, kind, env).Bounded(HubApi.DeployTimeout);
        return await response.ExpectAsync(HttpStatusCode.OK);
    }

    public static Task<HttpResponseMessage> SendPutAsync(this HttpClient client, string app, byte[] zip, string? kind, string? env, CancellationToken? cancellationToken = null)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(zip);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/zip");
        form.Add(file, "raw", $"{app}.zip");
        if (env is not null)
        {
            form.Add(new StringContent(env), "env");
        }
        return client.PutAsync(kind is null ? $"/api/apps/{app}" : $"/api/apps/{app}?kind={kind}", form, cancellationToken ?? Ct);
    }

    /// <summary>GETs <paramref name="path"/> and parses the 200 JSON answer.</summary>
    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string path)
    {
        var text = await (await client.GetBoundedAsync(path)).ExpectAsync(HttpStatusCode.OK);
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
