using Faas.Core;
using Faas.Core.Calls;
using Faas.Server.Contracts;

namespace Faas.Server.Errors;

/// <summary>Maps the core's failures to HTTP: admin routes answer plain text (as the original does), call routes <c>{"error":...}</c>.</summary>
internal static class ErrorResults
{
    public static int StatusFor(FaasError error) => error switch
    {
        FaasError.BadRequest => StatusCodes.Status400BadRequest,
        FaasError.NotFound => StatusCodes.Status404NotFound,
        FaasError.TooLarge => StatusCodes.Status413PayloadTooLarge,
        FaasError.DeployFailed => StatusCodes.Status422UnprocessableEntity,
        FaasError.FunctionFailed => StatusCodes.Status500InternalServerError,
        FaasError.WorkerFailed => StatusCodes.Status502BadGateway,
        FaasError.Unavailable or FaasError.Overloaded => StatusCodes.Status503ServiceUnavailable,
        FaasError.Timeout => StatusCodes.Status504GatewayTimeout,
        _ => StatusCodes.Status500InternalServerError,
    };

    public static IResult Text(FaasException e) =>
        Results.Text(e.Message, "text/plain; charset=utf-8", statusCode: StatusFor(e.Error));

    public static IResult Json(FaasException e)
    {
        if (e is AppNotDeployedException)
        {
            // The original answers this one in plain text even on call routes.
            return Text(e);
        }
        var result = Results.Json(new ErrorResponse(e.Message), HubJsonContext.Relaxed.ErrorResponse, statusCode: StatusFor(e.Error));
        return e.Error == FaasError.Overloaded ? new WithRetryAfter(result) : result;
    }

    /// <summary>A 503 for a full queue tells the client when to come back.</summary>
    private sealed class WithRetryAfter(IResult inner) : IResult
    {
        public Task ExecuteAsync(HttpContext context)
        {
            context.Response.Headers.RetryAfter = "1";
            return inner.ExecuteAsync(context);
        }
    }
}
