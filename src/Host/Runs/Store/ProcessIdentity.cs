using System.Diagnostics;
using System.Globalization;

namespace AiVideo.Host.Runs.Store;

/// <summary>
/// A process as the run store's lease knows it: its id and its start time, so a pid the system reused for another
/// process is not mistaken for the holder. On Linux the start time is the kernel's own integer (field 22 of
/// /proc/PID/stat, clock ticks since boot): the same in every process that reads it. (Process.StartTime is derived
/// from the current uptime and differs by milliseconds between readers, so it cannot identify a process.)
/// </summary>
public sealed record ProcessIdentity(int Pid, long StartedAtTicks)
{
    public static ProcessIdentity Current { get; } = Of(Environment.ProcessId) ?? new ProcessIdentity(Environment.ProcessId, 0);

    /// <summary>The identity of a running process, or null when no process has that id.</summary>
    public static ProcessIdentity? Of(int pid)
    {
        if (OperatingSystem.IsLinux())
        {
            return StartTicksFromProc(pid) is { } ticks ? new ProcessIdentity(pid, ticks) : null;
        }
        try
        {
            using var process = Process.GetProcessById(pid);
            if (process.HasExited) return null;
            return new ProcessIdentity(pid, process.StartTime.ToUniversalTime().Ticks / TimeSpan.TicksPerSecond);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    /// <summary>True while this very process (same id, same start time) is running.</summary>
    public bool IsAlive() => Of(Pid) is { } now && (StartedAtTicks == 0 || now.StartedAtTicks == StartedAtTicks);

    private static long? StartTicksFromProc(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        // "pid (comm) state ppid …": comm may hold spaces and parentheses, so count fields after the last ')'.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        if (fields.Length < 20 || fields[0] == "Z") return null; // a zombie has exited
        return long.Parse(fields[19], CultureInfo.InvariantCulture); // field 22 overall: starttime
    }
}
