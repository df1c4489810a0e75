using System.Reflection;
using System.Runtime.Loader;

namespace Faas.Worker.CSharp;

/// <summary>
/// Loads a built assembly and its own dependencies (found through its <c>.deps.json</c>); the
/// framework comes from the default context. Assemblies are loaded from bytes, not mapped from
/// their files, because a later build (a redeploy) may overwrite those files while this worker runs.
/// </summary>
internal sealed class ProjectLoadContext : AssemblyLoadContext
{
    private readonly AssemblyDependencyResolver _resolver;

    private ProjectLoadContext(string mainAssemblyPath)
        : base(Path.GetFileNameWithoutExtension(mainAssemblyPath)) =>
        _resolver = new AssemblyDependencyResolver(mainAssemblyPath);

    public static Assembly LoadMain(string mainAssemblyPath)
    {
        try
        {
            return new ProjectLoadContext(mainAssemblyPath).LoadCopy(mainAssemblyPath);
        }
        catch (Exception e) when (e is IOException or BadImageFormatException or InvalidOperationException or UnauthorizedAccessException)
        {
            throw new LoadException($"{Path.GetFileName(mainAssemblyPath)}: {e.Message}", e.GetType().Name);
        }
    }

    protected override Assembly? Load(AssemblyName assemblyName) =>
        _resolver.ResolveAssemblyToPath(assemblyName) is { } path ? LoadCopy(path) : null;

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName) =>
        _resolver.ResolveUnmanagedDllToPath(unmanagedDllName) is { } path ? LoadUnmanagedDllFromPath(path) : IntPtr.Zero;

    private Assembly LoadCopy(string path)
    {
        using var image = new MemoryStream(File.ReadAllBytes(path));
        var pdbPath = Path.ChangeExtension(path, ".pdb");
        using var pdb = File.Exists(pdbPath) ? new MemoryStream(File.ReadAllBytes(pdbPath)) : null;
        return LoadFromStream(image, pdb);
    }
}
