using Faas.Core.Workers;

namespace Faas.Core.Servers.Kinds;

/// <summary>
/// A Python server: <c>main.py</c> (the reference's entry point; else <c>app.py</c> or
/// <c>server.py</c>), run with <c>python3 -u</c>; the packages its <c>requirements.txt</c> installed
/// are on <c>PYTHONPATH</c>.
/// </summary>
internal sealed class PythonServerKind(WorkerOptions workers) : IServerKind
{
    private static readonly string[] Entries = ["main.py", "app.py", "server.py"];

    public string Id => "python-server";

    public bool InstallsDependencies => true;

    public bool Matches(string directory) =>
        Entries.Any(e => File.Exists(Path.Combine(directory, e)))
        || File.Exists(Path.Combine(directory, "pyproject.toml")) || File.Exists(Path.Combine(directory, "requirements.txt"));

    public Task<Func<int, ServerCommand>> PrepareAsync(ServerBuildContext context, CancellationToken cancellationToken)
    {
        var entry = Entries.FirstOrDefault(e => File.Exists(Path.Combine(context.Directory, e)))
            ?? throw new FaasException(FaasError.DeployFailed, "A Python server starts from main.py (or app.py, server.py) at the app's root; there is none.");
        var python = workers.ExecutableFor("py", workers.PythonPath);
        var packages = Path.Combine(context.DependenciesDirectory, "python");
        return Task.FromResult<Func<int, ServerCommand>>(port =>
        {
            var env = ServerEnvironment.For(context, port);
            env["PYTHONPATH"] = Directory.Exists(packages) ? packages : null;
            env["PYTHONUNBUFFERED"] = "1";
            return new ServerCommand(python, ["-u", entry], context.Directory, env);
        });
    }
}
