using Faas.Cli.Http;
using Faas.Core.Paths;

namespace Faas.Cli.Folders;

/// <summary>
/// The four checks of <c>faas check</c> for one folder, read-only: the source hash matches the active version,
/// the app is ready, its workers or server process run (or are idle by design: <c>GET /api/apps/{app}/processes</c>), its route answers.
/// </summary>
internal sealed class FolderChecker(FaasClient client)
{
    public async Task<IReadOnlyList<CheckResult>> CheckAsync(FunctionFolder folder, AppInfo? app, CancellationToken cancellationToken)
    {
        var hash = Hash(folder, app);
        if (app is null)
        {
            return [hash, new("ready", false, "Not deployed"), new("process", false, "N/A"), new("route", false, "N/A")];
        }
        var ready = app.Ready
            ? new CheckResult("ready", true, $"App is ready ({app.Version})")
            : new CheckResult("ready", false, $"App is {app.Status}{(app.Error is null ? "" : $": {app.Error}")}");
        // Read before the route is probed: a probe of /invoke starts an idle server.
        var process = ProcessCheck.From(await client.GetProcessesAsync(folder.Name, cancellationToken));
        if (folder.Kind == AppKind.Server && app.Functions.Count == 0)
        {
            return [hash, ready, process, await ProbeInvokeAsync(folder.Name, cancellationToken)];
        }
        var routes = app.Functions.Count > 0
            ? new CheckResult("route", true, $"{app.Functions.Count} function route(s): {string.Join(", ", app.Functions.Select(f => f.Name))} at /{app.Prefix}/{app.Name}/{app.Version}/call/<func>")
            : new CheckResult("route", false, "No functions exported, so no route answers");
        return [hash, ready, process, routes];
    }

    private static CheckResult Hash(FunctionFolder folder, AppInfo? app)
    {
        string hash;
        try
        {
            hash = ContentHash.Compute(folder.Path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new("hash", false, $"Failed to compute hash: {e.Message}");
        }
        return app?.Active switch
        {
            null when app is null => new("hash", false, "Never deployed (run faas up)"),
            null => new("hash", false, "No active version (run faas up)"),
            { } active when active.Hash == hash => new("hash", true, $"Source hash matches the active version ({active.Id})"),
            { } active => new("hash", false, $"Source changed since {active.Id} (run faas up)"),
        };
    }

    /// <summary>A GET of <c>/invoke/{app}/</c>: any answer but 404 or a 5xx means the route reaches the server.</summary>
    private async Task<CheckResult> ProbeInvokeAsync(string app, CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            using var response = await client.SendRawAsync(new HttpRequestMessage(HttpMethod.Get, $"invoke/{Uri.EscapeDataString(app)}/"), timeout.Token);
            var status = (int)response.StatusCode;
            return status is 404 or >= 500
                ? new("route", false, $"/invoke/{app} answers {status}")
                : new("route", true, $"/invoke/{app} answers {status}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new("route", false, $"/invoke/{app} did not answer within 10 s");
        }
    }
}
