using Faas.Core;
using Microsoft.AspNetCore.Diagnostics;

namespace Faas.Server.Errors;

/// <summary>
/// The one place errors become responses. A <see cref="FaasException"/> gets its status and its
/// message as the body: plain text on <c>/api/*</c>, <c>{"error":...}</c> on routes marked
/// <see cref="JsonErrors"/>. Kestrel's own request errors keep their status; anything else is a
/// bug, logged with its stack, and answers 500 without details.
/// </summary>
internal sealed partial class FaasExceptionHandler(ILogger<FaasExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var error = exception switch
        {
            FaasException e => e,
            BadHttpRequestException e => new FaasException(e.StatusCode == StatusCodes.Status413PayloadTooLarge ? FaasError.TooLarge : FaasError.BadRequest, e.Message, e),
            _ => null,
        };
        if (error is null)
        {
            LogUnhandled(context.Request.Method, context.Request.Path, exception);
            error = new FaasException(FaasError.Internal, "Internal server error.", exception);
        }
        else
        {
            // A 5xx names a failing app (a worker died, a call timed out): worth seeing; a 4xx is the client's business.
            var status = ErrorResults.StatusFor(error.Error);
            LogFailed(status >= StatusCodes.Status500InternalServerError ? LogLevel.Information : LogLevel.Debug, context.Request.Method, context.Request.Path, status, error.Message);
        }
        var endpoint = context.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? context.GetEndpoint();
        var result = endpoint?.Metadata.GetMetadata<JsonErrors>() is null ? ErrorResults.Text(error) : ErrorResults.Json(error);
        await result.ExecuteAsync(context);
        return true;
    }

    [LoggerMessage(Message = "{Method} {Path} answered {StatusCode}: {Reason}")]
    private partial void LogFailed(LogLevel level, string method, string path, int statusCode, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} {Path} failed with an unexpected error.")]
    private partial void LogUnhandled(string method, string path, Exception exception);
}
