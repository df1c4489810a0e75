using Faas.Core.Installers;
using Faas.Core.Paths;
using Faas.Core.Workers;

namespace Faas.Core.Languages.Ruby;

/// <summary>
/// Ruby (<c>workers/ruby/worker.rb</c>). Detected by <c>main.rb</c> or <c>app.rb</c> beside a
/// <c>Gemfile</c>, else by extension; every Gemfile that asks for gems is installed with
/// <c>bundle install</c> into the app's <c>ruby/</c> dependencies folder (see <see cref="RubyBundle"/>),
/// and the worker runs with the shallowest one; memory capped by RLIMIT_AS through <c>prlimit</c>.
/// </summary>
internal sealed class RubyLanguage : ILanguage
{
    public LanguageInfo Info { get; } = new("rb", "Ruby", ["ruby"], [".rb"]);

    public RuntimeRequirement Runtime(WorkerOptions options) =>
        new("Ruby", options.RubyPath, ["--version"], "Faas:Workers:RubyPath", "apt-get install ruby ruby-bundler",
            [Path.Combine(options.ResolveWorkersDirectory(), "ruby", "worker.rb")]);

    public IReadOnlyList<string> Detect(RootFiles root) =>
        root.Has("Gemfile") && new[] { "main.rb", "app.rb" }.FirstOrDefault(root.Has) is { } main
            ? [root.PathOf(main)]
            : ScriptFiles.WithExtensions(root, Info.Extensions, (_, stem) => ScriptFiles.IsTestStem(stem, "_test", "_spec"));

    public async Task<IReadOnlyList<InstallStep>> PlanInstallsAsync(InstallContext context, CancellationToken cancellationToken)
    {
        var steps = new List<InstallStep>();
        var gems = Gems(context.DependenciesDirectory);
        foreach (var folder in AppFiles.FoldersWith(context.AppDirectory, "Gemfile"))
        {
            var gemfile = Path.Combine(folder, "Gemfile");
            if (RubyBundle.DeclaresGems(gemfile))
            {
                var runtime = await context.RequireRuntimeAsync(cancellationToken).ConfigureAwait(false);
                steps.Add(new InstallStep("bundle install", folder, runtime.Key, [gemfile, gemfile + ".lock"], gems,
                    context.Options.BundlePath, ["install"],
                    RubyBundle.Environment(gemfile, gems).ToDictionary(p => p.Key, p => (string?)p.Value)));
            }
        }
        return steps;
    }

    // Bundler's variables: the worker finds the gems where bundle install put them.
    public Task<WorkerStart> LaunchAsync(LaunchContext context, CancellationToken cancellationToken) =>
        Task.FromResult(new WorkerStart(
            new WorkerCommand(context.Runtime.Executable, [context.WorkerFile("ruby", "worker.rb")]),
            RubyBundle.WorkerEnvironment(context.AppDirectory, Gems(context.DependenciesDirectory)),
            []));

    public WorkerStart LimitMemory(WorkerStart start, int megabytes) => start.WithAddressSpaceLimit(megabytes);

    private static string Gems(string dependenciesDirectory) => Path.Combine(dependenciesDirectory, "ruby");
}
