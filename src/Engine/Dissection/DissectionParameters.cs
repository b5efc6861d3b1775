namespace HndGate.Engine.Dissection;

/// <summary>The choices of R4 and R8 that the stages take (R2's q goes to <see cref="ActivationThresholds.TopCountFor"/>).</summary>
public sealed record DissectionParameters
{
    /// <summary>τ_iou of R4.</summary>
    public double IouThreshold
    {
        get;
        init
        {
            if (!(value >= 0 && value <= 1))
            {
                throw new ArgumentOutOfRangeException(nameof(IouThreshold), value, "τ_iou must be between 0 and 1");
            }

            field = value;
        }
    } = RegionAssignment.DefaultIouThreshold;

    /// <summary>How many top-activating local images each unit record keeps.</summary>
    public int TopImageCount
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            field = value;
        }
    } = 5;
}
