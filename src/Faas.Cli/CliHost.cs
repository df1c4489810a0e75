using System.CommandLine;

namespace Faas.Cli;

/// <summary>Runs a command's body with its <see cref="CliContext"/>, turning failures into a message on stderr and an exit code.</summary>
internal sealed class CliHost(TextWriter output, TextWriter error, CliEnvironment environment)
{
    public TextWriter Output => output;

    public TextWriter Error => error;

    public CliEnvironment Environment => environment;

    public void Bind(Command command, Func<CliContext, ParseResult, CancellationToken, Task<ExitCode>> body) =>
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                using var context = new CliContext(parse, output, error, environment);
                return (int)await body(context, parse, cancellationToken);
            }
            catch (CliException e)
            {
                await error.WriteLineAsync($"error: {e.Message}");
                return (int)e.Code;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return (int)ExitCode.Failed;
            }
            catch (Exception e) when (e is HttpRequestException or IOException or UnauthorizedAccessException or System.Text.Json.JsonException or InvalidOperationException)
            {
                // The server answered something this CLI cannot read, or a local file failed: one line, no stack trace.
                await error.WriteLineAsync($"error: {e.Message}");
                return (int)ExitCode.Failed;
            }
        });

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string[]> ExamplesByDescription = new(StringComparer.Ordinal);

    /// <summary>A command's description; its examples are printed after its own <c>--help</c> (not in its parent's list).</summary>
    public static string Describe(string description, params string[] examples)
    {
        ExamplesByDescription[description] = examples;
        return description;
    }

    public static IReadOnlyList<string> ExamplesOf(Command command) =>
        command.Description is { } description && ExamplesByDescription.TryGetValue(description, out var examples) ? examples : [];
}
