using System.Runtime.InteropServices;

namespace Sightline.Storage.DuckDb;

/// <summary>
/// Lowers threads' scheduling priority on Linux, where each thread has its own nice value. Raising a nice value
/// needs no privilege (lowering it again does). A new thread inherits the nice value of the thread that creates
/// it, which is why only other threads are lowered here: a lowered thread that queued work could make the thread
/// pool start a worker that inherits the low priority.
/// </summary>
internal static partial class NativeThreadPriority
{
    private const int PrioProcess = 0;
    private const int MaxNice = 19;

    /// <summary>
    /// Sets every thread of this process named <paramref name="name"/>, except the calling one, to the calling
    /// thread's nice value plus <paramref name="steps"/> (threads already at or below that priority are left as they
    /// are); returns how many threads are now there. Linux only (0 elsewhere).
    /// </summary>
    public static int LowerThreadsNamed(string name, int steps)
    {
        if (!OperatingSystem.IsLinux())
        {
            return 0;
        }

        var self = GetThreadId();
        Marshal.SetLastPInvokeError(0);
        var own = GetPriority(PrioProcess, self);
        if (own == -1 && Marshal.GetLastPInvokeError() != 0)
        {
            return 0;
        }

        var target = Math.Min(MaxNice, own + steps);
        var lowered = 0;
        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            if (!int.TryParse(Path.GetFileName(task), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var thread)
                || thread == self)
            {
                continue;
            }

            try
            {
                if (File.ReadAllText(Path.Combine(task, "comm")).TrimEnd('\n') != name)
                {
                    continue;
                }
            }
            catch (IOException)
            {
                continue; // the thread ended meanwhile
            }

            // The target is relative to the caller, not to the thread's current value, so lowering twice (another
            // database opened later in the same process) leaves a thread where the first call put it.
            Marshal.SetLastPInvokeError(0);
            var current = GetPriority(PrioProcess, thread);
            if ((current != -1 || Marshal.GetLastPInvokeError() == 0) && (current >= target || SetPriority(PrioProcess, thread, target) == 0))
            {
                lowered++;
            }
        }

        return lowered;
    }

    /// <summary>The calling thread's nice value as the kernel reports it, or null where it cannot be read.</summary>
    public static int? CurrentThreadNice()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        Marshal.SetLastPInvokeError(0);
        var nice = GetPriority(PrioProcess, GetThreadId());
        return nice == -1 && Marshal.GetLastPInvokeError() != 0 ? null : nice;
    }

    [LibraryImport("libc", EntryPoint = "gettid")]
    private static partial int GetThreadId();

    [LibraryImport("libc", EntryPoint = "getpriority", SetLastError = true)]
    private static partial int GetPriority(int which, int who);

    [LibraryImport("libc", EntryPoint = "setpriority", SetLastError = true)]
    private static partial int SetPriority(int which, int who, int priority);
}
