using Faas.Core.Calls;
using Faas.Core.Deployments;
using Faas.Core.Executions;
using Faas.Core.Functions;
using Faas.Core.Installers;
using Faas.Core.Languages;
using Faas.Core.Packages;
using Faas.Core.Pools;
using Faas.Core.Processes;
using Faas.Core.Repositories;
using Faas.Core.Servers;
using Faas.Core.Services;
using Faas.Core.Storage;
using Faas.Core.Workers;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Faas.Server.Hosting;

internal static class FaasServices
{
    /// <summary>Binds the options (validated at start-up) and registers the core services.</summary>
    public static IServiceCollection AddFaas(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ServerOptions>().Bind(configuration.GetSection("Faas")).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection("Faas:Storage"))
            .Validate(o => !string.IsNullOrWhiteSpace(o.DataDirectory), "Faas:Storage:DataDirectory must be set.")
            .Validate(o => o.MaxPackageBytes > 0 && o.MaxExtractedBytes > 0 && o.MaxPackageEntries > 0
                && o.MaxCompressionRatio > 0 && o.CompressionRatioCheckBytes >= 0, "Faas:Storage limits must be positive.")
            .Validate(o => o.KeepVersions >= 1, "Faas:Storage:KeepVersions must be at least 1.")
            .Validate(o => o.MaxDataBytes >= 0, "Faas:Storage:MaxDataBytes must not be negative (0 turns the quota off).")
            .ValidateOnStart();
        services.AddOptions<WorkerOptions>().Bind(configuration.GetSection("Faas:Workers"))
            .Validate(o => o.LoadTimeout > TimeSpan.Zero && o.StopTimeout >= TimeSpan.Zero && o.InstallTimeout > TimeSpan.Zero, "Faas:Workers timeouts must be positive.")
            .Validate(o => Directory.Exists(o.ResolveWorkersDirectory()), "Faas:Workers:WorkersDirectory must be a folder (the language workers).")
            .ValidateOnStart();
        services.AddOptions<Faas.Server.Security.SecurityOptions>().Bind(configuration.GetSection("Faas:Security"));
        Faas.Server.Security.KeySecurityServices.AddKeySecurity(services);
        services.AddOptions<ExecutionOptions>().Bind(configuration.GetSection("Faas:Executions"))
            .Validate(o => o.MaxAge > TimeSpan.Zero && o.MaxPerApp >= 1 && o.PruneInterval > TimeSpan.Zero && o.QueueCapacity >= 1 && o.BatchSize >= 1
                && o.BatchDelay >= TimeSpan.Zero && o.BatchDelay <= TimeSpan.FromSeconds(10),
                "Faas:Executions needs a positive MaxAge, PruneInterval, QueueCapacity and BatchSize, MaxPerApp >= 1 and a BatchDelay from 0 to 10 s.")
            .ValidateOnStart();
        services.AddOptions<GitOptions>().Bind(configuration.GetSection("Faas:Git"));
        services.AddOptions<SandboxOptions>().Bind(configuration.GetSection("Faas:Sandbox"))
            .Validate(o => o.InstallMaxOpenFiles >= 0 && o.InstallMaxProcesses >= 0 && o.InstallMaxFileSizeMb >= 0, "Faas:Sandbox limits must not be negative.")
            .ValidateOnStart();
        services.AddOptions<ServiceOptions>().Bind(configuration.GetSection("Faas:Services"))
            .Validate(o => o.KvMaxBytesPerApp > 0 && o.KvMaxValueBytes > 0 && o.KvMaxKeyBytes > 0 && o.HttpTimeout > TimeSpan.Zero && o.HttpMaxResponseBytes > 0,
                "Faas:Services limits must be positive.")
            .ValidateOnStart();
        services.AddOptions<PoolOptions>().Bind(configuration.GetSection("Faas:Pools"))
            .Validate(o => o.MinWorkers >= 0 && o.MaxWorkers >= 1 && o.MinWorkers <= o.MaxWorkers, "Faas:Pools needs 0 <= MinWorkers <= MaxWorkers and MaxWorkers >= 1.")
            .Validate(o => o.MaxQueuedCalls >= 0 && o.MaxStartFailures >= 1 && o.MemoryLimitMb >= 0 && o.PipelineDepth >= 0
                && o.MaxOpenFiles >= 0 && o.MaxProcesses >= 0 && o.MaxFileSizeMb >= 0 && o.CpuLimitSeconds >= 0, "Faas:Pools limits must not be negative.")
            .Validate(o => o.CallTimeout > TimeSpan.Zero && o.IdleTimeout > TimeSpan.Zero && o.ScaleDownAfter > TimeSpan.Zero, "Faas:Pools timeouts must be positive.")
            .ValidateOnStart();

        services.AddSingleton(sp => sp.GetRequiredService<IOptions<StorageOptions>>().Value);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<WorkerOptions>>().Value);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<GitOptions>>().Value);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<PoolOptions>>().Value);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<SandboxOptions>>().Value);
        services.AddSingleton<Isolation>();
        services.AddOptions<ServerAppOptions>().Bind(configuration.GetSection("Faas:Servers"))
            .Validate(o => o.StartTimeout > TimeSpan.Zero && o.IdleTimeout >= TimeSpan.Zero && o.MaxRestartDelay > TimeSpan.Zero
                && o.BuildTimeout > TimeSpan.Zero && o.MaxCrashes >= 1, "Faas:Servers timeouts must be positive (IdleTimeout may be 0: never).")
            .ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<ServerAppOptions>>().Value);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<ServiceOptions>>().Value);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<RuntimeStarter>();
        services.AddSingleton<CallGate>();
        services.AddSingleton(sp => new DataLayout(sp.GetRequiredService<StorageOptions>().DataDirectory));
        services.AddSingleton(LanguageRegistry.Default);
        services.AddSingleton<LanguageRuntimes>();
        services.AddSingleton<DependencyInstaller>();
        services.AddSingleton(sp => new DependencyCache(
            sp.GetRequiredService<DataLayout>().DependencyCacheDirectory, sp.GetRequiredService<StorageOptions>().MaxDependencyCacheBytes));
        services.AddSingleton<DeploymentStore>();
        services.AddSingleton<KvStore>();
        services.AddSingleton<EnvStore>();
        services.AddSingleton<AppEnvironment>();
        // The execution history registers its own sink; without it, execution log lines are dropped.
        services.TryAddSingleton<IExecutionLog>(NullExecutionLog.Instance);
        services.AddSingleton<PlatformServices>();
        services.AddSingleton<DeploymentRegistry>();
        services.AddSingleton<VersionBuilder>();
        services.AddSingleton(sp => new ServerKinds(sp.GetRequiredService<ServerAppOptions>(), sp.GetRequiredService<WorkerOptions>()));
        services.AddSingleton<ServerStarter>();
        services.AddHttpForwarder();
        services.AddSingleton<DeploymentManager>();
        services.AddSingleton<DeploymentRestorer>();
        services.AddSingleton<SingleFileApp>();
        services.AddSingleton<PackageExtractor>();
        services.AddSingleton<DataQuota>();
        services.AddSingleton<PackageUploader>();
        services.AddSingleton<GitClient>();
        services.AddSingleton<RepositoryImporter>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<ExecutionOptions>>().Value);
        services.AddSingleton<Database>();
        services.AddSingleton<ExecutionStore>();
        services.AddSingleton<ExecutionRecorder>();
        services.AddSingleton<IExecutionLog>(sp => sp.GetRequiredService<ExecutionRecorder>());
        services.AddSingleton(sp => new FunctionInvoker(
            sp.GetRequiredService<DeploymentRegistry>(), sp.GetRequiredService<CallGate>(), sp.GetRequiredService<IOptions<ServerOptions>>().Value.MaxResultBytes,
            sp.GetRequiredService<ExecutionRecorder>(), Errors.ErrorResults.StatusFor));
        services.AddSingleton(sp => new HttpFunctionInvoker(
            sp.GetRequiredService<DeploymentRegistry>(), sp.GetRequiredService<CallGate>(), sp.GetRequiredService<ExecutionRecorder>(), Errors.ErrorResults.StatusFor));
        services.AddSingleton<StaticFileResolver>();
        services.AddSingleton<HostPrefix>();
        services.AddSingleton<Readiness>();
        services.AddHostedService<SandboxProbeService>();
        services.AddHostedService<RuntimeProbeService>();
        // Before the restore service: hosted services stop in reverse order, so the history writer outlives the last calls.
        services.AddHostedService<ExecutionHistoryService>();
        services.AddHostedService<RestoreService>();
        return services;
    }
}
