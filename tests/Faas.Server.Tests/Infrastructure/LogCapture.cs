using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Serilog.Events;
using Serilog.Parsing;

namespace Faas.Server.Tests.Infrastructure;

/// <summary>Keeps every line the server logs (after Serilog's level filter), with its structured properties.</summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<CapturedLog> _logs = new();

    public IReadOnlyList<CapturedLog> Logs => [.. _logs];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    /// <summary>Waits until a line matches (some are logged after the response that caused them).</summary>
    public async Task<CapturedLog> WaitForAsync(Func<CapturedLog, bool> match, TimeSpan? timeout = null)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            if (_logs.FirstOrDefault(match) is { } found)
            {
                return found;
            }
            if (deadline.IsCancellationRequested)
            {
                Assert.Fail($"No log line matched; the server logged:\n{string.Join('\n', _logs.Select(l => l.Message))}");
            }
            await Task.Delay(20, CancellationToken.None);
        }
    }

    private sealed class Logger(LogCapture capture, string category) : ILogger
    {
        private static readonly Serilog.Formatting.Display.MessageTemplateTextFormatter Literal = new("{Message:lj}");

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            capture._logs.Enqueue(new CapturedLog(category, logLevel, Render(state, exception, formatter), Properties(state)));

        /// <summary>
        /// As the console shows it. Serilog forwards its events as key/value pairs (scope properties
        /// included) with <c>{OriginalFormat}</c>; its default rendering quotes strings, the console
        /// template (<c>{Message:lj}</c>) does not.
        /// </summary>
        private static string Render<TState>(TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (state is not IEnumerable<KeyValuePair<string, object?>> pairs
                || pairs.FirstOrDefault(p => p.Key == "{OriginalFormat}").Value is not string template)
            {
                return formatter(state, exception);
            }
            var properties = pairs.Where(p => p.Key != "{OriginalFormat}")
                .Select(p => new LogEventProperty(p.Key, p.Value as LogEventPropertyValue ?? new ScalarValue(p.Value)));
            var logEvent = new LogEvent(DateTimeOffset.UtcNow, LogEventLevel.Information, null, new MessageTemplateParser().Parse(template), properties);
            using var writer = new StringWriter();
            Literal.Format(logEvent, writer);
            return writer.ToString();
        }

        private static Dictionary<string, string> Properties<TState>(TState state) =>
            state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? pairs.ToDictionary(p => p.Key, p => p.Value switch
                {
                    ScalarValue scalar => scalar.Value?.ToString() ?? "",
                    var other => other?.ToString() ?? "",
                })
                : [];
    }
}

public sealed record CapturedLog(string Category, LogLevel Level, string Message, IReadOnlyDictionary<string, string> Properties);
