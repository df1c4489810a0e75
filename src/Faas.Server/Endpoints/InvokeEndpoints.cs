using System.Net;
using Faas.Core;
using Faas.Core.Deployments;
using Faas.Core.Executions;
using Faas.Core.Servers;
using Faas.Server.Contracts;
using Faas.Server.Errors;
using Microsoft.AspNetCore.Http.Features;
using Yarp.ReverseProxy.Forwarder;

namespace Faas.Server.Endpoints;

/// <summary>
/// <c>GET /health</c>, and the HTTP-server apps: <c>/invoke/{app}</c> and <c>/invoke/{app}/{**path}</c>
/// (every method) forwarded with YARP to the active version's server on its loopback port, streaming
/// both ways (WebSockets too); the first request after an idle stop waits for the start. Each forwarded
/// request is an execution (trigger <c>http</c>, function = the app's name), its id in <c>X-Execution-Id</c>.
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

    // The servers behind speak HTTP/1.1 on loopback: ask for it directly (YARP's default asks for HTTP/2 or lower).
    private static readonly ForwarderRequestConfig RequestConfig = new()
    {
        Version = HttpVersion.Version11,
        VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
    };

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

    private static async Task ForwardAsync(string app, HttpContext context, DeploymentRegistry registry, IHttpForwarder forwarder, ExecutionRecorder recorder)
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
                var execution = recorder.Begin(app, app, active.Id, ExecutionTriggers.Http, recorder.Enabled ? ProxiedEventWriter.Masked(context.Request, rest) : null);
                try
                {
                    await ForwardOnceAsync(app, context, forwarder, lease, new InvokeTransformer(prefix, rest, execution.Id), recorder, execution);
                }
                catch (Exception e)
                {
                    // A bug of ours (the exception handler logs it): the record must not stay pending.
                    Complete(recorder, execution, StatusCodes.Status500InternalServerError, e.Message);
                    throw;
                }
                return;
            }
        }
    }

    /// <summary>Forwards the request and ends its execution: the upstream's status (5xx is an error), or why it failed.</summary>
    private static async Task ForwardOnceAsync(
        string app, HttpContext context, IHttpForwarder forwarder, ServerLease lease, InvokeTransformer transformer, ExecutionRecorder recorder, RunningExecution execution)
    {
        var error = await forwarder.SendAsync(context, lease.Address.ToString(), Client, RequestConfig, transformer);
        if (error == ForwarderError.None)
        {
            Complete(recorder, execution, context.Response.StatusCode, null);
            return;
        }
        var reason = context.GetForwarderErrorFeature()?.Exception?.Message ?? error.ToString();
        if (context.RequestAborted.IsCancellationRequested)
        {
            Complete(recorder, execution, StatusClientClosedRequest, $"The client went away ({error}): {reason}");
            return;
        }
        var message = $"The server of '{app}' did not answer ({error}): {reason}";
        Complete(recorder, execution, context.Response.HasStarted ? context.Response.StatusCode : StatusCodes.Status502BadGateway, message);
        if (!context.Response.HasStarted)
        {
            context.Response.Headers[InvokeTransformer.ExecutionIdHeader] = execution.Id;
            await Error(StatusCodes.Status502BadGateway, message).ExecuteAsync(context);
        }
    }

    private static void Complete(ExecutionRecorder recorder, RunningExecution execution, int status, string? error) =>
        recorder.Complete(execution, error is null && status < StatusCodes.Status500InternalServerError ? ExecutionStatus.Success : ExecutionStatus.Error, status, error);

    /// <summary>nginx's 499, as the HTTP functions record it: the client closed the request before the answer.</summary>
    private const int StatusClientClosedRequest = 499;

    private static IResult Error(int status, string message) =>
        Results.Json(new ErrorResponse(message), HubJsonContext.Relaxed.ErrorResponse, statusCode: status);
}
