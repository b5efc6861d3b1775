namespace HndGate.Tool;

/// <summary>The exit codes of every hnd-gate command (README, --help).</summary>
public static class ExitCodes
{
    public const int Pass = 0;
    public const int GateFailed = 1;
    public const int InputError = 2;
    public const int RuntimeFailure = 3;
}
