using System.Diagnostics;
using System.Globalization;

namespace Faas.Core.Processes;

/// <summary>
/// Kills the process groups still running when the server process ends, however it ends (<c>kill -9</c>
/// included). A small <c>/bin/sh</c> child hears of every group started (<c>+pid</c>) and ended
/// (<c>-pid</c>) on its stdin. The server holds the only write end of that pipe (.NET creates pipes
/// close-on-exec, so no worker or tool inherits it): when the server is gone the shell reads end of
/// input, kills the groups it still knows, and exits. One per server process, started with the first
/// group and started again (told every running group) if it ever dies.
/// </summary>
internal static class ProcessGroupGuardian
{
    // The shell ignores the terminal's signals: Ctrl+C in the server's terminal must not take it away
    // before the server has stopped its groups.
    private const string Script = """
        exec >/dev/null 2>&1
        trap '' HUP INT TERM PIPE
        groups=' '
        while read -r op id; do
          case "$op" in
            +) groups="$groups$id " ;;
            -) case "$groups" in *" $id "*) groups="${groups%% $id *} ${groups#* $id }" ;; esac ;;
          esac
        done
        for id in $groups; do kill -s KILL -- "-$id"; done
        """;

    private static readonly Lock Gate = new();
    private static readonly HashSet<int> Running = [];
    private static Process? s_shell;

    /// <summary>The guardian's pid, or null before the first group (for tests).</summary>
    public static int? ProcessId
    {
        get
        {
            lock (Gate)
            {
                return s_shell is { HasExited: false } shell ? shell.Id : null;
            }
        }
    }

    public static void Watch(int groupId)
    {
        lock (Gate)
        {
            Running.Add(groupId);
            Send('+', groupId);
        }
    }

    public static void Forget(int groupId)
    {
        lock (Gate)
        {
            if (Running.Remove(groupId))
            {
                Send('-', groupId);
            }
        }
    }

    private static void Send(char op, int groupId)
    {
        // A second attempt starts a new shell when the write finds the old one gone.
        for (var attempt = 0; attempt < 2; attempt++)
        {
            try
            {
                if (s_shell is null || s_shell.HasExited)
                {
                    Restart();
                    return;
                }
                s_shell.StandardInput.Write(Line(op, groupId));
                s_shell.StandardInput.Flush();
                return;
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Gone, or cannot start: groups are still killed when they stop normally; the next group tries again.
                s_shell?.Dispose();
                s_shell = null;
            }
        }
    }

    /// <summary>Starts the shell and tells it every running group (the one just added included).</summary>
    private static void Restart()
    {
        s_shell?.Dispose();
        s_shell = null;
        var start = new ProcessStartInfo("/usr/bin/setsid", ["--", "/bin/sh", "-c", Script])
        {
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        var shell = Process.Start(start)!;
        var input = shell.StandardInput;
        foreach (var id in Running)
        {
            input.Write(Line('+', id));
        }
        input.Flush();
        s_shell = shell;
    }

    private static string Line(char op, int groupId) => $"{op} {groupId.ToString(CultureInfo.InvariantCulture)}\n";
}
