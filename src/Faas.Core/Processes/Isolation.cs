using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Faas.Core.Processes;

/// <summary>
/// Makes the command of a worker or an installer ready to run isolated: a minimal environment (PATH,
/// LANG, its own HOME and TMPDIR, the machine's network settings listed in
/// <see cref="SandboxOptions.PassEnvironment"/>, then the variables given: the app's and its
/// language's; nothing else of the server's), <c>prlimit</c> limits, and, where bubblewrap works, the <see cref="Sandbox"/> around it
/// (the runtime's own install folder is added read-only). Without bwrap (or with
/// <see cref="SandboxMode.Off"/>) the same command runs without the sandbox: the weaker mode.
/// </summary>
public sealed partial class Isolation(SandboxOptions options, ILogger<Isolation>? logger = null)
{
    private const string Prlimit = "/usr/bin/prlimit";
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(20);
    private readonly ILogger _logger = logger ?? NullLogger<Isolation>.Instance;
    private readonly Lazy<Task<string?>> _probe = new(() => ProbeAsync(options));

    public SandboxOptions Options => options;

    /// <summary>Null when bwrap runs sandboxes here; else why not (also when the mode is <c>Off</c>).</summary>
    public Task<string?> SandboxProblemAsync(CancellationToken cancellationToken) => _probe.Value.WaitAsync(cancellationToken);

    /// <summary>
    /// <paramref name="fileName"/> with <paramref name="arguments"/>, isolated as <paramref name="spec"/> and
    /// <paramref name="limits"/> say; <paramref name="environment"/> goes on top of the minimal one.
    /// </summary>
    public async Task<IsolatedCommand> PrepareAsync(
        string fileName, IReadOnlyList<string> arguments, IEnumerable<KeyValuePair<string, string?>> environment,
        SandboxSpec spec, ProcessLimits limits, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(spec.Home);
        Directory.CreateDirectory(spec.Temp);
        var variables = MinimalEnvironment(spec);
        var passedPaths = new List<string>();
        foreach (var name in options.PassEnvironment)
        {
            if (Environment.GetEnvironmentVariable(name) is { Length: > 0 } value)
            {
                variables[name] = value;
                passedPaths.AddRange(value.Split(':').Where(p => p.StartsWith('/') && Path.Exists(p)));
            }
        }
        foreach (var (name, value) in environment)
        {
            variables[name] = value;
        }
        var problem = await SandboxProblemAsync(cancellationToken).ConfigureAwait(false);
        if (problem is not null && !spec.Network)
        {
            throw new FaasException(FaasError.BadRequest, $"The app asks for no network (faas.json \"network\": false), which needs the sandbox, but {problem}.");
        }
        // RLIMIT_NPROC counts every process of the user: only inside bwrap (a user namespace of its own
        // when the server is not root) does it count the sandbox's alone. Root ignores it: a pids cgroup counts (see Cgroups).
        var rlimits = problem is null ? limits : limits with { Processes = 0 };
        var command = new List<string>();
        if (!rlimits.IsNone && File.Exists(Prlimit))
        {
            command.AddRange([Prlimit, .. rlimits.PrlimitOptions(), "--"]);
        }
        var executable = RealPath.FindExecutable(fileName, variables.GetValueOrDefault("PATH")) ?? fileName;
        command.AddRange([executable, .. arguments]);
        if (problem is null)
        {
            command.InsertRange(0, [options.BwrapPath, .. Sandbox.Arguments(spec, [.. Programs(executable, arguments, variables["PATH"]).SelectMany(RuntimeFolders), .. options.ReadOnlyPaths, .. passedPaths])]);
        }
        var cgroups = Cgroups.Create(limits.Processes, limits.CgroupMemoryMb);
        if (cgroups.Count > 0)
        {
            command = Cgroups.Enter(cgroups, command);
        }
        return new IsolatedCommand(command[0], command[1..], variables, InheritEnvironment: false, cgroups);
    }

    /// <summary>Logs whether processes run sandboxed; with <see cref="SandboxMode.Required"/> and no working bwrap, throws.</summary>
    public async Task ReportAsync(CancellationToken cancellationToken)
    {
        var problem = await SandboxProblemAsync(cancellationToken).ConfigureAwait(false);
        if (problem is null)
        {
            LogSandboxed(options.BwrapPath);
        }
        else if (options.Mode == SandboxMode.Required)
        {
            throw new InvalidOperationException($"Faas:Sandbox:Mode is Required, but {problem}.");
        }
        else if (options.Mode == SandboxMode.Off)
        {
            LogSandboxOff();
        }
        else
        {
            LogNoSandbox(problem);
        }
    }

    /// <summary>What every isolated process starts from: of the server's, PATH and LANG only.</summary>
    private static Dictionary<string, string?> MinimalEnvironment(SandboxSpec spec) => new(StringComparer.Ordinal)
    {
        ["PATH"] = Environment.GetEnvironmentVariable("PATH") is { Length: > 0 } path ? path : "/usr/local/bin:/usr/bin:/bin",
        ["LANG"] = Environment.GetEnvironmentVariable("LANG") is { Length: > 0 } lang ? lang : "C.UTF-8",
        ["HOME"] = spec.Home,
        ["TMPDIR"] = spec.Temp,
    };

    /// <summary>The executable, and the program a wrapper it is runs (<c>prlimit --as=N -- ruby</c>: ruby).</summary>
    private static IEnumerable<string> Programs(string executable, IReadOnlyList<string> arguments, string? searchPath)
    {
        yield return executable;
        var wrapped = arguments.SkipWhile(a => a != "--").Skip(1).FirstOrDefault();
        if (wrapped is not null && RealPath.FindExecutable(wrapped, searchPath) is { } program)
        {
            yield return program;
        }
    }

    /// <summary>
    /// The folder a runtime is installed in, when it is not a system folder: <c>/root/.pyenv/versions/3.11.7</c>
    /// for <c>.../bin/python3.11</c>, <c>~/.dotnet</c> for <c>~/.dotnet/dotnet</c>.
    /// </summary>
    private static IEnumerable<string> RuntimeFolders(string executable)
    {
        if (!Path.IsPathFullyQualified(executable))
        {
            yield break;
        }
        foreach (var path in new[] { executable, RealPath.Resolve(executable) }.Distinct(StringComparer.Ordinal))
        {
            var folder = Path.GetDirectoryName(path)!;
            if (Path.GetFileName(folder) == "bin")
            {
                folder = Path.GetDirectoryName(folder)!;
            }
            if (!Sandbox.IsSystemPath(folder) && folder != "/")
            {
                yield return folder;
            }
        }
    }

    /// <summary>Runs <c>true</c> in a sandbox like the real ones (network off included): null if it works, else why not.</summary>
    private static async Task<string?> ProbeAsync(SandboxOptions options)
    {
        if (options.Mode == SandboxMode.Off)
        {
            return "Faas:Sandbox:Mode is Off";
        }
        if (!OperatingSystem.IsLinux() || !File.Exists(options.BwrapPath))
        {
            return $"bubblewrap ({options.BwrapPath}) is not installed";
        }
        var scratch = Directory.CreateTempSubdirectory("faas-sandbox-probe-").FullName;
        try
        {
            var spec = new SandboxSpec("/", scratch, [], [], [], Network: false);
            Directory.CreateDirectory(spec.Temp);
            var result = await ProcessRunner.RunAsync(options.BwrapPath, [.. Sandbox.Arguments(spec, []), "/bin/sh", "-c", "test -w /tmp"],
                "/", ProbeTimeout).ConfigureAwait(false);
            return result.Succeeded ? null : $"bubblewrap does not work here ({(result.TimedOut ? "timed out" : $"exit code {result.ExitCode}")}: {result.Tail(3)})";
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or IOException or UnauthorizedAccessException)
        {
            return $"bubblewrap could not start ({e.Message})";
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Workers and installers run sandboxed by {Bwrap}")]
    private partial void LogSandboxed(string bwrap);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Workers and installers run WITHOUT a sandbox (Faas:Sandbox:Mode is Off): a minimal environment and limits only; a function can read whatever the server's user can")]
    private partial void LogSandboxOff();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Workers and installers run WITHOUT a sandbox: {Problem}. They get a minimal environment and limits only; a function can read whatever the server's user can (other apps, the data folder). Install bubblewrap (apt-get install bubblewrap)")]
    private partial void LogNoSandbox(string problem);
}
