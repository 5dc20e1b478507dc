using System.Diagnostics;

namespace AiVideo.Host.Runs.Store;

/// <summary>
/// A process as the run store's lease knows it: its id and its start time, so a pid the system reused for another
/// process is not mistaken for the holder.
/// </summary>
public sealed record ProcessIdentity(int Pid, long StartedAtTicks)
{
    public static ProcessIdentity Current { get; } = Of(Environment.ProcessId) ?? new ProcessIdentity(Environment.ProcessId, 0);

    /// <summary>The identity of a running process, or null when no process has that id.</summary>
    public static ProcessIdentity? Of(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            if (process.HasExited) return null;
            return new ProcessIdentity(pid, process.StartTime.ToUniversalTime().Ticks);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    /// <summary>True while this very process (same id, same start time) is running.</summary>
    public bool IsAlive()
    {
        if (Pid == Environment.ProcessId && StartedAtTicks == Current.StartedAtTicks) return true;
        return Of(Pid) is { } now && (StartedAtTicks == 0 || now.StartedAtTicks == StartedAtTicks);
    }
}
