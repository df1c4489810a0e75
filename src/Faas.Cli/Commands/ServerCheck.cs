using Faas.Cli.Serve;

namespace Faas.Cli.Commands;

/// <summary>Makes sure a server answers before <c>faas up</c> deploys: starts one in the background when the URL is local and nothing listens.</summary>
internal static class ServerCheck
{
    public static async Task EnsureRunningAsync(CliContext context, bool allowStart, CancellationToken cancellationToken)
    {
        var client = context.Client;
        if (await client.IsReadyAsync(cancellationToken))
        {
            return;
        }
        if (await AnswersAtAllAsync(context, cancellationToken))
        {
            // Listening but not ready yet (restoring its apps): wait for it rather than start a second one.
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(60));
            while (!await client.IsReadyAsync(timeout.Token))
            {
                await Task.Delay(200, timeout.Token);
            }
            return;
        }
        if (!allowStart || !context.BaseUri.IsLoopback)
        {
            throw new CliException(ExitCode.ServerUnreachable,
                $"No Faas server answers at {client.Url}." + (context.BaseUri.IsLoopback ? " Start one with 'faas serve' (or drop --no-start)." : " faas up starts a server only for a local URL."));
        }
        context.Printer.Note($"No server at {client.Url}: starting one in the background ('faas down' stops it).");
        var state = await new ServerLauncher(context.Environment).StartDetachedAsync(client, dataDirectory: null, cancellationToken);
        context.Printer.Note($"Server started (pid {state.Pid}, log {state.Log}).");
    }

    private static async Task<bool> AnswersAtAllAsync(CliContext context, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await context.Client.SendRawAsync(new HttpRequestMessage(HttpMethod.Get, "api/readiness"), cancellationToken);
            return true;
        }
        catch (CliException e) when (e.Code == ExitCode.ServerUnreachable)
        {
            return false;
        }
    }
}
