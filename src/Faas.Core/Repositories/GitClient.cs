using System.Collections.Concurrent;
using System.ComponentModel;
using System.Text.RegularExpressions;
using Faas.Core.Processes;

namespace Faas.Core.Repositories;

/// <summary>
/// Lists branches and files of a repository and clones it, through the git CLI run with an
/// argument list (never a shell), a timeout, no prompts, no hooks and only the network
/// transports (http, https, git, ssh; file only when local repositories are allowed).
/// </summary>
public sealed partial class GitClient(GitOptions options)
{
    /// <summary>The branch names, the default branch (the remote's HEAD) first, the rest sorted.</summary>
    public async Task<IReadOnlyList<string>> ListBranchesAsync(RepositoryUrl url, CancellationToken ct)
    {
        EnsureAllowed(url);
        var lines = new ConcurrentQueue<string>();
        // One round trip gives both HEAD's symbolic ref (the default branch) and every branch.
        await RunAsync(url, "ls-remote", ["ls-remote", "--symref", "--", url.Value, "HEAD", "refs/heads/*"], lines.Enqueue, ct)
            .ConfigureAwait(false);
        string? head = null;
        var branches = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            // Lines that match neither form are stderr noise (warnings).
            var match = RefLine().Match(line);
            if (match.Groups["head"].Success)
            {
                head = match.Groups["head"].Value;
            }
            else if (match.Groups["branch"].Success)
            {
                branches.Add(match.Groups["branch"].Value);
            }
        }
        return head is not null && branches.Remove(head) ? [head, .. branches] : [.. branches];
    }

    /// <summary>
    /// Shallow-clones <paramref name="branch"/> into <paramref name="targetDirectory"/> (missing or
    /// empty), then removes <c>.git</c>. Symlinks resolving outside the clone are refused with a
    /// <see cref="GitException"/>; links inside it are kept. On any failure the target is deleted.
    /// </summary>
    public async Task CloneAsync(RepositoryUrl url, string branch, string targetDirectory, CancellationToken ct)
    {
        EnsureAllowed(url);
        ValidateBranch(branch);
        var target = Path.GetFullPath(targetDirectory);
        if (File.Exists(target) || (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any()))
        {
            throw new InvalidOperationException($"Cannot clone into '{target}': it is not an empty directory.");
        }
        try
        {
            await CloneCoreAsync(url, branch, target, [], ct).ConfigureAwait(false);
            Directory.Delete(Path.Combine(target, ".git"), recursive: true);
            SymlinkGuard.EnsureContained(target);
        }
        catch
        {
            // Never leave a partial or refused clone behind (the target folder goes too).
            TryDelete(target);
            throw;
        }
    }

    /// <summary>The tracked files of <paramref name="branch"/> (paths with '/', e.g. <c>dir/b.py</c>).</summary>
    public async Task<IReadOnlyList<string>> ListFilesAsync(RepositoryUrl url, string branch, CancellationToken ct)
    {
        EnsureAllowed(url);
        ValidateBranch(branch);
        var temp = Path.Combine(TempRoot(), $"faas-git-{Guid.NewGuid():N}");
        try
        {
            // No checkout and no blobs: the tree of the tip commit is all a file list needs, so
            // nothing from the repository is ever written to disk as a file (nor a symlink).
            await CloneCoreAsync(url, branch, temp, ["--no-checkout", "--filter=blob:none"], ct).ConfigureAwait(false);
            var output = new ConcurrentQueue<string>();
            await RunAsync(url, "ls-tree", ["-C", temp, "ls-tree", "-r", "-z", "--name-only", "--full-tree", "HEAD"], output.Enqueue, ct)
                .ConfigureAwait(false);
            // -z ends each name with NUL; the runner splits on new lines, so join them back first.
            return string.Join('\n', output).Split('\0', StringSplitOptions.RemoveEmptyEntries);
        }
        finally
        {
            TryDelete(temp);
        }
    }

    /// <summary>Refuses names <c>git check-ref-format --branch</c> would refuse, and options.</summary>
    /// <exception cref="GitException">The name is not a valid branch name.</exception>
    public static void ValidateBranch(string? branch)
    {
        if (string.IsNullOrEmpty(branch) || branch.Length > 255 || branch[0] is '-' or '/' || branch is "@" or "HEAD"
            || branch.EndsWith('/') || branch.EndsWith('.') || branch.Contains("..", StringComparison.Ordinal)
            || branch.Contains("@{", StringComparison.Ordinal) || branch.Contains("//", StringComparison.Ordinal)
            || branch.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || c is '~' or '^' or ':' or '?' or '*' or '[' or '\\')
            || branch.Split('/').Any(part => part.StartsWith('.') || part.EndsWith(".lock", StringComparison.Ordinal)))
        {
            var shown = branch is null ? "" : new string([.. branch.Take(100).Select(c => char.IsControl(c) ? '?' : c)]);
            throw new GitException($"Invalid branch name '{shown}': no spaces, control characters, '..', '~^:?*[\\', or leading '-'.");
        }
    }

    private Task CloneCoreAsync(RepositoryUrl url, string branch, string target, string[] extra, CancellationToken ct) =>
        RunAsync(
            url,
            "clone",
            // --no-local: even a local repository goes through the transport (depth honoured, no
            // hard links or copies of its object store).
            ["clone", "--quiet", "--depth", "1", "--single-branch", "--branch", branch, "--no-tags", "--no-local", .. extra, "--", url.Value, target],
            null,
            ct);

    private async Task RunAsync(RepositoryUrl url, string operation, string[] arguments, Action<string>? onLine, CancellationToken ct)
    {
        string[] hardening = url.IsLocal
            ? ["-c", "protocol.ext.allow=never", "-c", "core.hooksPath=/dev/null", "-c", "protocol.file.allow=always"]
            : ["-c", "protocol.ext.allow=never", "-c", "core.hooksPath=/dev/null"];
        var environment = new Dictionary<string, string?>
        {
            ["GIT_TERMINAL_PROMPT"] = "0",
            ["GIT_ASKPASS"] = "echo", // any credential prompt gets an empty answer
            ["SSH_ASKPASS"] = "echo",
            ["GIT_CONFIG_NOSYSTEM"] = "1",
            ["GIT_ALLOW_PROTOCOL"] = options.AllowLocalRepositories ? "http:https:git:ssh:file" : "http:https:git:ssh",
            ["GIT_SSH_COMMAND"] = "ssh -o BatchMode=yes",
            ["LC_ALL"] = "C", // English messages, quoted to the caller
        };
        ProcessResult result;
        try
        {
            // Run from the temp folder, not the server's folder, whose own .git config must not apply.
            result = await ProcessRunner.RunAsync(
                options.GitPath, [.. hardening, .. arguments], TempRoot(), options.Timeout, environment, onLine, ct).ConfigureAwait(false);
        }
        catch (Win32Exception e)
        {
            throw new GitException($"Cannot run git ('{options.GitPath}'): {e.Message}", FaasError.Internal, e);
        }
        if (result.TimedOut)
        {
            throw new GitException($"git {operation} of {url} timed out after {options.Timeout.TotalSeconds:0} s.", FaasError.Timeout);
        }
        if (!result.Succeeded)
        {
            // Prefer git's fatal/error lines over warnings and hints; never echo credentials.
            var tail = result.LastLines.Where(line => line.Length > 0).TakeLast(5).ToList();
            var errors = tail.Where(line => line.StartsWith("fatal:", StringComparison.Ordinal) || line.StartsWith("error:", StringComparison.Ordinal)).ToList();
            var said = string.Join("; ", (errors.Count > 0 ? errors : tail).Select(line => line.Length > 300 ? line[..300] : line));
            throw new GitException($"git {operation} of {url} failed (exit code {result.ExitCode}): {said.Replace(url.Value, url.ToString(), StringComparison.Ordinal)}");
        }
    }

    private void EnsureAllowed(RepositoryUrl url)
    {
        if (url.IsLocal && !options.AllowLocalRepositories)
        {
            throw new RepositoryUrlException("Invalid repository URL: local repositories are not allowed.");
        }
    }

    private string TempRoot() => Directory.CreateDirectory(options.TempDirectory).FullName;

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true); // removes links, never follows them
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: the original failure matters more than a leftover folder.
        }
    }

    // "ref: refs/heads/<default>\tHEAD" (from --symref) or "<object id>\trefs/heads/<branch>".
    [GeneratedRegex(@"^(?:ref: refs/heads/(?<head>\S+)\tHEAD|[0-9a-f]{40,64}\trefs/heads/(?<branch>\S+))$", RegexOptions.CultureInvariant)]
    private static partial Regex RefLine();
}

/// <summary>Refuses a tree holding a symbolic link that resolves outside it.</summary>
internal static class SymlinkGuard
{
    private const int MaxHops = 40; // as Linux: beyond this a chain is a loop

    /// <exception cref="GitException">A link resolves outside <paramref name="root"/> or loops.</exception>
    public static void EnsureContained(string root)
    {
        var realRoot = Resolve(root) ?? throw new GitException($"Cannot resolve '{root}'.", FaasError.Internal);
        var options = new EnumerationOptions { AttributesToSkip = 0, RecurseSubdirectories = false };
        var pending = new Stack<DirectoryInfo>([new DirectoryInfo(root)]);
        while (pending.TryPop(out var directory))
        {
            foreach (var entry in directory.EnumerateFileSystemInfos("*", options))
            {
                if (entry.LinkTarget is { } target)
                {
                    var resolved = Resolve(entry.FullName);
                    if (resolved is null || !(resolved == realRoot || resolved.StartsWith(realRoot + "/", StringComparison.Ordinal)))
                    {
                        throw new GitException(
                            $"The repository contains a symbolic link pointing outside it: '{Path.GetRelativePath(root, entry.FullName)}' -> '{target}'.");
                    }
                }
                else if (entry is DirectoryInfo sub)
                {
                    pending.Push(sub);
                }
            }
        }
    }

    // Resolves like realpath(3), following every link on the way, so "a/link/../.." is judged by
    // where it really lands rather than lexically; missing parts are taken literally. Null: a loop.
    internal static string? Resolve(string path)
    {
        var parts = new Stack<string>(Path.GetFullPath(path).Split('/').Reverse());
        var current = "/";
        var hops = 0;
        while (parts.TryPop(out var part))
        {
            if (part is "" or ".")
            {
                continue;
            }
            if (part == "..")
            {
                current = Path.GetDirectoryName(current) ?? "/";
                continue;
            }
            var next = Path.Join(current, part);
            if (new FileInfo(next).LinkTarget is not { } target)
            {
                current = next;
                continue;
            }
            if (++hops > MaxHops)
            {
                return null;
            }
            if (Path.IsPathRooted(target))
            {
                current = "/";
            }
            foreach (var step in target.Split('/').Reverse())
            {
                parts.Push(step);
            }
        }
        return current;
    }
}
