using System.Collections.Concurrent;
using Faas.Core.Apps;

namespace Faas.Core.Deployments;

/// <summary>The apps the server knows, by name, plus a gate per name so two uploads of one name cannot race.</summary>
public sealed class DeploymentRegistry
{
    private readonly ConcurrentDictionary<string, Deployment> _deployments = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _nameGates = new(StringComparer.Ordinal);

    public IEnumerable<Deployment> All => _deployments.Values;

    public bool TryGet(AppName name, out Deployment deployment) =>
        _deployments.TryGetValue(name.Value, out deployment!);

    public bool TryGet(string? rawName, out Deployment deployment)
    {
        deployment = null!;
        return AppName.TryParse(rawName, out var name) && TryGet(name, out deployment);
    }

    /// <summary>The app named <paramref name="rawName"/>, or the Hub's <c>Invalid deployment id</c> error with <paramref name="error"/>.</summary>
    public Deployment Get(string? rawName, FaasError error) =>
        TryGet(rawName, out var deployment) ? deployment : throw new FaasException(error, $"Invalid deployment id: {rawName}");

    internal void Set(Deployment deployment) => _deployments[deployment.Name.Value] = deployment;

    internal void Remove(AppName name) => _deployments.TryRemove(name.Value, out _);

    internal SemaphoreSlim NameGate(AppName name) => _nameGates.GetOrAdd(name.Value, _ => new SemaphoreSlim(1, 1));
}
