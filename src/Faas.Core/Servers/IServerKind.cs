namespace Faas.Core.Servers;

/// <summary>One way an app can be an HTTP server (a Node.js program, a Python one, Go, a container).</summary>
public interface IServerKind
{
    /// <summary>Its name, in the log and in errors (<c>node-server</c>).</summary>
    string Id { get; }

    /// <summary>Whether the languages' dependency installs run for it (npm, pip); a container builds its own.</summary>
    bool InstallsDependencies { get; }

    /// <summary>Whether the app's root files make it this kind.</summary>
    bool Matches(string directory);

    /// <summary>
    /// Builds what it needs (once per content hash) and returns how to start it on a port; a
    /// failure is a <see cref="FaasException"/> with <see cref="FaasError.DeployFailed"/> and what to do.
    /// </summary>
    Task<Func<int, ServerCommand>> PrepareAsync(ServerBuildContext context, CancellationToken cancellationToken);
}
