using System.Threading.Channels;
using Faas.Core;
using Faas.Core.Deployments;
using Faas.Server.OpenApi;

namespace Faas.Server.Endpoints;

/// <summary>Live logs: <c>GET /api/logs/{suffix}/stream</c> sends the recent lines, then each new one, as server-sent events.</summary>
internal static class LogStreamEndpoints
{
    public static IEndpointRouteBuilder MapLogStreamEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/logs/{suffix}/stream", StreamAsync)
            .WithTags("Deployments")
            .WithSummary("The app's log as server-sent events (recent lines first, then live)")
            .Produces(200, contentType: "text/event-stream").ProducesText(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task StreamAsync(HttpContext context, string suffix, DeploymentRegistry registry, int? tail, CancellationToken cancellationToken)
    {
        var deployment = registry.Get(suffix, FaasError.NotFound);
        // The log writes lines; this request reads them. Bounded: a slow reader loses lines, never the server's memory.
        var lines = Channel.CreateBounded<string>(new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        void OnLine(string line) => lines.Writer.TryWrite(line);
        deployment.Log.LineWritten += OnLine;
        try
        {
            context.Response.ContentType = "text/event-stream";
            context.Response.Headers.CacheControl = "no-cache";
            foreach (var line in deployment.Log.Recent(Math.Clamp(tail ?? 100, 0, 1000)))
            {
                await WriteEventAsync(context.Response, line, cancellationToken);
            }
            await context.Response.Body.FlushAsync(cancellationToken);
            await foreach (var line in lines.Reader.ReadAllAsync(cancellationToken))
            {
                await WriteEventAsync(context.Response, line, cancellationToken);
                if (lines.Reader.Count == 0)
                {
                    await context.Response.Body.FlushAsync(cancellationToken);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The client went away: the normal end of a stream, not an error.
        }
        finally
        {
            deployment.Log.LineWritten -= OnLine;
        }
    }

    private static Task WriteEventAsync(HttpResponse response, string line, CancellationToken cancellationToken) =>
        response.WriteAsync($"data: {line.Replace("\r", "", StringComparison.Ordinal).Replace("\n", "\ndata: ", StringComparison.Ordinal)}\n\n", cancellationToken);
}
