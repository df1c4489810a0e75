using Serilog;
using Serilog.Configuration;
using Serilog.Events;
using Serilog.Formatting.Display;

namespace Faas.Server.Hosting;

/// <summary><c>"WriteTo": [{ "Name": "BufferedConsole", "Args": { "outputTemplate": ... } }]</c> in the <c>Serilog</c> settings.</summary>
public static class BufferedConsoleSinkExtensions
{
    private const string DefaultTemplate = "{Timestamp:HH:mm:ss} {Level:u3} {Message:lj}{NewLine}{Exception}";

    public static LoggerConfiguration BufferedConsole(
        this LoggerSinkConfiguration sinks, string outputTemplate = DefaultTemplate, LogEventLevel restrictedToMinimumLevel = LogEventLevel.Verbose) =>
        sinks.Sink(new BufferedConsoleSink(new MessageTemplateTextFormatter(outputTemplate, System.Globalization.CultureInfo.InvariantCulture)), restrictedToMinimumLevel);
}
