using System.Net;
using Faas.Core;
using Faas.Core.Deployments;
using Faas.Core.Servers;
using Faas.Server.Contracts;
using Faas.Server.Errors;
using Microsoft.AspNetCore.Http.Features;
using Yarp.ReverseProxy.Forwarder;

namespace Faas.Server.Endpoints;

/// <summary>
/// <c>GET /health</c>, and the HTTP-server apps: <c>/invoke/{app}</c> and <c>/invoke/{app}/{**path}</c>
/// (every method) forwarded with YARP to the active version's server on its loopback port, streaming
/// both ways (WebSockets too); the first request after an idle stop waits for the start.
/// </summary>
internal static class InvokeEndpoints
{
    private static readonly HttpMessageInvoker Client = new(new SocketsHttpHandler
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
        EnableMultipleHttp2Connections = true,
        ActivityHeadersPropagator = null,
        ConnectTimeout = TimeSpan.FromSeconds(15),
    });

    public static IEndpointRouteBuilder MapInvokeEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", () => Results.Text("Faas OK", "text/plain; charset=utf-8"))
            .WithTags("Server").WithSummary("Answers 200 `Faas OK` while the server runs");
        var invoke = app.MapGroup("/invoke").WithTags("Servers");
        invoke.Map("/{app}", ForwardAsync)
            .WithSummary("Forward a request to an HTTP-server app (it sees path `/` and the query)");
        invoke.Map("/{app}/{**path}", ForwardAsync)
            .WithSummary("Forward a request to an HTTP-server app (it sees `/` plus the path after the app's name)");
        return app;
    }

    private static async Task ForwardAsync(string app, HttpContext context, DeploymentRegistry registry, IHttpForwarder forwarder)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            // Streamed through: the server behind decides what it accepts.
            feature.MaxRequestBodySize = null;
        }
        if (!registry.TryGet(app, out var deployment))
        {
            await Error(StatusCodes.Status404NotFound, $"There is no app named '{app}'.").ExecuteAsync(context);
            return;
        }
        var (prefix, rest) = InvokeTransformer.Split(context.Request.Path);
        // A switch between reading the active version and taking its server: take the new one (a few tries).
        for (var attempt = 0; ; attempt++)
        {
            var active = deployment.Active;
            if (active is null)
            {
                await Error(StatusCodes.Status503ServiceUnavailable, $"The app '{app}' has no ready version yet ({deployment.Status}{(deployment.Error is null ? "" : $": {deployment.Error}")}).")
                    .ExecuteAsync(context);
                return;
            }
            if (active.Runtime.Server is not { } server)
            {
                await Error(StatusCodes.Status404NotFound,
                    $"The app '{app}' is not an HTTP server: call its functions at /{{prefix}}/{app}/{active.Id}/call/{{function}}.").ExecuteAsync(context);
                return;
            }
            ServerLease lease;
            try
            {
                lease = await server.AcquireAsync(context.RequestAborted);
            }
            catch (ObjectDisposedException) when (attempt < 3)
            {
                continue;
            }
            catch (FaasException e)
            {
                await Error(StatusCodes.Status503ServiceUnavailable, $"The server of '{app}' could not start: {e.Message}").ExecuteAsync(context);
                return;
            }
            using (lease)
            {
                if (deployment.Active != active && attempt < 3)
                {
                    continue;
                }
                var error = await forwarder.SendAsync(context, lease.Address.ToString(), Client, ForwarderRequestConfig.Empty, new InvokeTransformer(prefix, rest));
                if (error != ForwarderError.None && !context.Response.HasStarted)
                {
                    var reason = context.GetForwarderErrorFeature()?.Exception?.Message ?? error.ToString();
                    await Error(StatusCodes.Status502BadGateway, $"The server of '{app}' did not answer ({error}): {reason}").ExecuteAsync(context);
                }
                // Hook for the execution history: one record per forwarded request (app, active.Id, method, path,
                // status, duration) goes here once the executions recorder is merged.
                return;
            }
        }
    }

    private static IResult Error(int status, string message) =>
        Results.Json(new ErrorResponse(message), HubJsonContext.Relaxed.ErrorResponse, statusCode: status);
}
