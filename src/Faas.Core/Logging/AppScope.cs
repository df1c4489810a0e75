using Microsoft.Extensions.Logging;

namespace Faas.Core.Logging;

/// <summary>Puts an app's name in the logging scope as <c>App</c>, so every line logged while working on it carries it.</summary>
public static class AppScope
{
    public static IDisposable? Begin(ILogger logger, string app) =>
        logger.BeginScope(new Dictionary<string, object> { ["App"] = app });
}
