using LibGit2Sharp;

namespace Faas.Core.Repositories;

/// <summary>
/// The libgit2 side of <see cref="GitClient"/>: blocking calls that stop at their next progress
/// callback once <c>stop</c> is cancelled. No git binary, no hooks, no <c>ext::</c> transport
/// (libgit2 has none). ssh URLs run the system's <c>ssh</c> (libgit2's exec transport).
/// </summary>
internal static class GitTransfer
{
    /// <summary>Branch names (<c>refs/heads/*</c>) and the branch the remote's HEAD points at, in one round trip.</summary>
    public static (string? Head, List<string> Branches) RemoteBranches(RepositoryUrl url)
    {
        string? head = null;
        var branches = new List<string>();
        foreach (var reference in Repository.ListRemoteReferences(url.Value))
        {
            if (reference is SymbolicReference { CanonicalName: "HEAD" } symbolic
                && symbolic.TargetIdentifier.StartsWith(BranchPrefix, StringComparison.Ordinal))
            {
                head = symbolic.TargetIdentifier[BranchPrefix.Length..];
            }
            else if (reference.CanonicalName.StartsWith(BranchPrefix, StringComparison.Ordinal))
            {
                branches.Add(reference.CanonicalName[BranchPrefix.Length..]);
            }
        }
        return (head, branches);
    }

    /// <summary>
    /// Gets the tip of <paramref name="branch"/> into a new repository at <paramref name="directory"/>
    /// (its files checked out, or a bare repository) and returns the tip's id.
    /// </summary>
    /// <remarks>
    /// Over http(s) a shallow clone (depth 1), which libgit2 does for every branch at once: it has no
    /// single-branch clone, and its fetch ignores a depth. Elsewhere a single-branch fetch of the
    /// whole history: libgit2's local transport refuses depth, and over git:// its shallow
    /// negotiation fails against git's daemon ("expected SHA1 list", libgit2 upstream bug; ssh
    /// speaks the same stateful protocol).
    /// </remarks>
    public static string FetchBranch(RepositoryUrl url, string branch, string directory, bool checkout, CancellationToken stop)
    {
        var fetch = new FetchOptions
        {
            TagFetchMode = TagFetchMode.None,
            OnTransferProgress = _ => !stop.IsCancellationRequested,
            OnProgress = _ => !stop.IsCancellationRequested,
            RepositoryOperationStarting = _ => !stop.IsCancellationRequested,
        };
        if (IsHttp(url))
        {
            fetch.Depth = 1;
            try
            {
                Repository.Clone(url.Value, directory, new CloneOptions(fetch) { BranchName = branch, IsBare = !checkout, Checkout = checkout });
            }
            catch (NotFoundException)
            {
                throw BranchNotFound(url, branch);
            }
            using var cloned = new Repository(directory);
            return (cloned.Branches[$"origin/{branch}"] ?? cloned.Branches[branch] ?? throw BranchNotFound(url, branch)).Tip.Sha;
        }

        Repository.Init(directory, isBare: !checkout);
        using var repository = new Repository(directory);
        var refspec = $"+{BranchPrefix}{branch}:refs/remotes/origin/{branch}";
        repository.Network.Remotes.Add("origin", url.Value, refspec);
        Commands.Fetch(repository, "origin", [refspec], fetch, null);
        var tip = repository.Branches[$"origin/{branch}"]?.Tip ?? throw BranchNotFound(url, branch);
        if (checkout)
        {
            stop.ThrowIfCancellationRequested();
            Commands.Checkout(repository, tip, new CheckoutOptions { CheckoutModifiers = CheckoutModifiers.Force });
        }
        return tip.Sha;
    }

    /// <summary>Every non-folder path of the commit's tree (files, links, submodules), with '/', in <c>git ls-tree -r</c>'s (byte) order.</summary>
    public static List<string> TreeFiles(string directory, string commitId)
    {
        using var repository = new Repository(directory);
        var files = new List<string>();
        var pending = new Stack<(Tree Tree, string Prefix)>([(repository.Lookup<Commit>(commitId).Tree, "")]);
        while (pending.TryPop(out var item))
        {
            foreach (var entry in item.Tree)
            {
                if (entry.TargetType == TreeEntryTargetType.Tree)
                {
                    pending.Push(((Tree)entry.Target, $"{item.Prefix}{entry.Name}/"));
                }
                else
                {
                    files.Add(item.Prefix + entry.Name);
                }
            }
        }
        files.Sort(StringComparer.Ordinal);
        return files;
    }

    /// <summary>The folder of a local repository URL (a path or a <c>file://</c> URL).</summary>
    public static string LocalPath(RepositoryUrl url) =>
        url.Value.StartsWith("file://", StringComparison.OrdinalIgnoreCase) ? new Uri(url.Value).LocalPath : url.Value;

    private const string BranchPrefix = "refs/heads/";

    private static bool IsHttp(RepositoryUrl url) =>
        url.Value.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || url.Value.StartsWith("http://", StringComparison.OrdinalIgnoreCase);

    private static GitException BranchNotFound(RepositoryUrl url, string branch) => new($"Remote branch {branch} not found in {url}.");
}
