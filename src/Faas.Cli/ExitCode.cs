namespace Faas.Cli;

/// <summary>The process exit codes, for scripts: stable, documented in docs/cli.md.</summary>
internal enum ExitCode
{
    Ok = 0,

    /// <summary>The command ran and something failed (a deploy, a call, a check that needs attention).</summary>
    Failed = 1,

    /// <summary>Bad arguments or options (the parser's errors, an invalid app name, a missing folder).</summary>
    Usage = 2,

    /// <summary>No server answers at the URL (and none could be started).</summary>
    ServerUnreachable = 3,

    /// <summary>The app, version, function or route does not exist.</summary>
    NotFound = 4,

    /// <summary>The server wants a key (401) or refuses this one (403).</summary>
    Unauthorized = 5,
}
