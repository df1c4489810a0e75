namespace Faas.Cli;

/// <summary>A failure the CLI reports as one line and an exit code; never a stack trace.</summary>
internal sealed class CliException(ExitCode code, string message) : Exception(message)
{
    public ExitCode Code { get; } = code;
}
