using System.Diagnostics;
using Serilog.Core;
using Serilog.Events;
using Serilog.Parsing;

namespace Faas.Server.Hosting;

/// <summary>
/// One log line per request: method, path, status and time, with the template, properties, levels and
/// category (<c>Serilog.AspNetCore.RequestLoggingMiddleware</c>, so its level overrides keep working) of
/// Serilog.AspNetCore's request logging, without its per-request diagnostic context: that one sets an
/// <c>AsyncLocal</c>, which every later await of the request then carries (measured: a few µs per call).
/// Nothing is built when the level is off. A 5xx is a warning: most are an app's failures (a function
/// that threw, a worker that died), not the server's; an exception that escapes is an error.
/// </summary>
internal sealed class RequestLog(RequestDelegate next, Serilog.ILogger logger)
{
    private static readonly MessageTemplate Template =
        new MessageTemplateParser().Parse("HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0000} ms");

    private readonly Serilog.ILogger _logger = logger.ForContext(Constants.SourceContextPropertyName, "Serilog.AspNetCore.RequestLoggingMiddleware");

    public async Task InvokeAsync(HttpContext context)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        catch (Exception e)
        {
            Write(context, start, StatusCodes.Status500InternalServerError, e);
            throw;
        }
        Write(context, start, context.Response.StatusCode, null);
    }

    private void Write(HttpContext context, long start, int status, Exception? exception)
    {
        var level = exception is not null ? LogEventLevel.Error
            : status >= StatusCodes.Status500InternalServerError ? LogEventLevel.Warning
            : LogEventLevel.Information;
        if (!_logger.IsEnabled(level))
        {
            return;
        }
        var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        _logger.Write(new LogEvent(DateTimeOffset.Now, level, exception, Template,
        [
            new LogEventProperty("RequestMethod", new ScalarValue(context.Request.Method)),
            new LogEventProperty("RequestPath", new ScalarValue(context.Request.Path.Value)),
            new LogEventProperty("StatusCode", new ScalarValue(status)),
            new LogEventProperty("Elapsed", new ScalarValue(elapsed)),
        ]));
    }
}
