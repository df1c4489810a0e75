using System.Diagnostics;
using System.Reflection;

namespace Faas.Worker.CSharp;

/// <summary>
/// Builds an app's <c>.csproj</c> with <c>dotnet build -c Release</c> and loads the result. The
/// build writes nothing into the app folder (app files stay exactly as uploaded): intermediate
/// files and output go to a <see cref="BuildDirectories"/> folder, so a restarted worker's build is
/// incremental. Build output goes to stderr, i.e. the app's log.
/// </summary>
internal static class ProjectBuilder
{
    private const int ErrorsInMessage = 5;

    public static Assembly BuildAndLoad(ScriptFile script, string projectPath)
    {
        var (work, gate) = BuildDirectories.Acquire(projectPath);
        using (gate)
        {
            var output = Path.Combine(work, "out");
            Build(script, projectPath, output, Path.Combine(work, "artifacts"));
            // Loaded while still locked: the assemblies are read into memory before another build may overwrite them.
            return ProjectLoadContext.LoadMain(MainAssembly(script, projectPath, output));
        }
    }

    private static void Build(ScriptFile script, string projectPath, string output, string artifacts)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = Path.GetDirectoryName(projectPath)!,
            RedirectStandardInput = true, // never the protocol's stdin (already /dev/null, but not on Windows)
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // No build servers: a lingering MSBuild node or compiler server would outlive the worker and hold its pipes.
        foreach (var argument in (string[])["build", projectPath, "-c", "Release", "-o", output, "--artifacts-path", artifacts,
                     "-nologo", "--disable-build-servers", "-tl:off", "-v:minimal", "-clp:NoSummary"])
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        Console.Error.WriteLine($"faas worker: dotnet build {script.Name}");
        var errors = new List<string>();
        using var process = new Process { StartInfo = start };
        DataReceivedEventHandler relay = (_, e) =>
        {
            if (e.Data is not { } line)
            {
                return;
            }
            Console.Error.WriteLine(line);
            lock (errors)
            {
                if (line.Contains(": error ", StringComparison.Ordinal) && !errors.Contains(line))
                {
                    errors.Add(line);
                }
            }
        };
        process.OutputDataReceived += relay;
        process.ErrorDataReceived += relay;
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new LoadException($"{script.Name}: could not start dotnet to build it: {e.Message}", "BuildException");
        }
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.WaitForExit(); // also waits for the output to be read
        if (process.ExitCode != 0)
        {
            var shown = errors.Count > 0 ? string.Join('\n', errors.Take(ErrorsInMessage)) : "(no error lines: see the app log)";
            throw new LoadException($"{script.Name}: dotnet build failed (exit code {process.ExitCode}):\n{shown}", "BuildException");
        }
    }

    /// <summary>The dotnet executable: the host running this worker when it is one, else <c>dotnet</c> from PATH.</summary>
    private static string DotnetHost() =>
        Environment.ProcessPath is { } host && Path.GetFileNameWithoutExtension(host) == "dotnet" ? host : "dotnet";

    /// <summary>The built assembly: named after the project file, else the one whose <c>.deps.json</c> the build wrote.</summary>
    private static string MainAssembly(ScriptFile script, string projectPath, string output)
    {
        var byProjectName = Path.Combine(output, Path.GetFileNameWithoutExtension(projectPath) + ".dll");
        if (File.Exists(byProjectName))
        {
            return byProjectName;
        }
        var deps = Directory.GetFiles(output, "*.deps.json");
        var candidate = deps.Length == 1 ? Path.Combine(output, Path.GetFileName(deps[0])[..^".deps.json".Length] + ".dll") : null;
        return candidate is not null && File.Exists(candidate)
            ? candidate
            : throw new LoadException($"{script.Name}: the build did not produce {Path.GetFileName(byProjectName)} in {output}.", "BuildException");
    }
}
