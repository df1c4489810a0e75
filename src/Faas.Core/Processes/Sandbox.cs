namespace Faas.Core.Processes;

/// <summary>
/// The <c>bwrap</c> (bubblewrap) arguments for one <see cref="SandboxSpec"/>: new mount, pid, ipc and
/// uts namespaces (and network, when it has none), every capability dropped, the system folders and
/// the spec's folders bound at their own paths (read-only unless writable), a private <c>/dev</c>,
/// <c>/proc</c> and <c>/tmp</c> (64 MiB in memory). Nothing else of the machine exists inside: not the user's home, not
/// the data folder's other apps, its state (records with each version's env) or its secrets.
/// No <c>--new-session</c> (the process is already the leader of its own session, and a session of
/// bwrap's own would leave its process group, so stopping it would miss what it started) and no
/// <c>--die-with-parent</c> (PR_SET_PDEATHSIG fires when the forking thread exits; the process-group
/// guardian kills sandboxes with the server instead).
/// </summary>
internal static class Sandbox
{
    // A private /tmp in memory, small: TMPDIR (the scratch folder, on disk) is where tools put big files.
    private const string TmpfsBytes = "67108864";

    /// <summary>System folders, read-only when they exist (on merged-/usr systems /bin and /lib are links into /usr).</summary>
    public static IReadOnlyList<string> SystemFolders { get; } =
    [
        "/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/opt", "/var/lib/gems",
        // /etc selectively: names, certificates, the dynamic linker, time zone, tools' global settings; no shadow, ssh keys, ...
        "/etc/alternatives", "/etc/ca-certificates", "/etc/ca-certificates.conf", "/etc/ssl", "/etc/pki", "/etc/crypto-policies",
        "/etc/hosts", "/etc/host.conf", "/etc/resolv.conf", "/etc/nsswitch.conf", "/etc/gai.conf", "/etc/services", "/etc/protocols",
        "/etc/passwd", "/etc/group", "/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d", "/etc/localtime", "/etc/timezone",
        "/etc/mime.types", "/etc/os-release", "/etc/debian_version", "/etc/dotnet", "/etc/npmrc", "/etc/pip.conf", "/etc/gemrc",
        "/etc/python3", "/etc/ruby",
    ];

    /// <summary>True when <paramref name="path"/> is one of <see cref="SystemFolders"/> or inside one.</summary>
    public static bool IsSystemPath(string path) =>
        SystemFolders.Any(folder => path == folder || path.StartsWith(folder + "/", StringComparison.Ordinal));

    /// <summary>bwrap's options for <paramref name="spec"/>, up to and including the <c>--</c> before the command.</summary>
    public static IReadOnlyList<string> Arguments(SandboxSpec spec, IEnumerable<string> extraTrusted)
    {
        var arguments = new List<string>
        {
            "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try",
            "--cap-drop", "ALL",
            "--hostname", "faas",
            "--dev", "/dev",
            "--proc", "/proc",
            // Before the app's folders, which may be under /tmp (a data folder there): their mount points go in this tmpfs.
            "--size", TmpfsBytes, "--tmpfs", "/tmp",
        };
        if (!spec.Network)
        {
            arguments.Add("--unshare-net");
        }
        foreach (var folder in SystemFolders.Concat(spec.Trusted).Concat(extraTrusted).Distinct(StringComparer.Ordinal))
        {
            arguments.AddRange(["--ro-bind-try", folder, folder]);
        }
        // Outer folders before inner ones: a later bind covers an earlier one (scratch inside the dependencies folder).
        foreach (var folder in spec.ReadOnly.Where(IsPlainFolder).Distinct(StringComparer.Ordinal).OrderBy(f => f.Length))
        {
            arguments.AddRange(["--ro-bind", folder, folder]);
        }
        foreach (var folder in spec.Writable.Append(spec.Scratch).Where(IsPlainFolder).Distinct(StringComparer.Ordinal).OrderBy(f => f.Length))
        {
            arguments.AddRange(["--bind", folder, folder]);
        }
        arguments.AddRange(["--chdir", spec.WorkingDirectory, "--"]);
        return arguments;
    }

    /// <summary>
    /// An app's folder is bound only if it is a real folder: bwrap follows a link in its source path
    /// outside the sandbox, so a link an install left (node_modules → the state folder) would expose it.
    /// </summary>
    private static bool IsPlainFolder(string folder)
    {
        var info = new DirectoryInfo(folder);
        return info.Exists && info.LinkTarget is null;
    }
}
