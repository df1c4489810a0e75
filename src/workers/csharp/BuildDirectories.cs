using System.Security.Cryptography;
using System.Text;

namespace Faas.Worker.CSharp;

/// <summary>
/// Where projects are built: <c>&lt;temp&gt;/faas-csharp/&lt;hash of the project path&gt;/</c>, kept
/// between worker starts so rebuilds are incremental. Each folder records its project's path; a
/// folder whose project is gone (the app was deleted) is removed at the next build of any project.
/// </summary>
internal static class BuildDirectories
{
    private const string ProjectFile = "project.path";
    private const string LockFile = "build.lock";

    private static string Root => Path.Combine(Path.GetTempPath(), "faas-csharp");

    /// <summary>Creates (or reuses) the folder for <paramref name="projectPath"/> and locks it; dispose to unlock.</summary>
    public static (string Directory, IDisposable Lock) Acquire(string projectPath)
    {
        var fullPath = Path.GetFullPath(projectPath);
        PruneStale();
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(fullPath)))[..16];
        var directory = Directory.CreateDirectory(Path.Combine(Root, hash)).FullName;
        var gate = BuildLock.Acquire(Path.Combine(directory, LockFile));
        File.WriteAllText(Path.Combine(directory, ProjectFile), fullPath);
        return (directory, gate);
    }

    private static void PruneStale()
    {
        if (!Directory.Exists(Root))
        {
            return;
        }
        foreach (var directory in Directory.EnumerateDirectories(Root))
        {
            try
            {
                var recorded = Path.Combine(directory, ProjectFile);
                if (!File.Exists(recorded) || File.Exists(File.ReadAllText(recorded)))
                {
                    continue; // being created right now, or still in use
                }
                using (BuildLock.TryAcquire(Path.Combine(directory, LockFile)) ?? throw new IOException("busy"))
                {
                    File.Delete(recorded);
                }
                Directory.Delete(directory, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Busy or not ours: try again another time.
            }
        }
    }
}
