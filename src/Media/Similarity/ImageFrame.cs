namespace AiVideo.Media.Similarity;

/// <summary>One decoded picture: <paramref name="Rgb24"/> holds Width × Height pixels, 3 bytes each (R, G, B), row by row.</summary>
public sealed record ImageFrame(int Width, int Height, byte[] Rgb24)
{
    /// <summary>Rec. 709 luma of the whole picture, 0 (black) .. 1 (white).</summary>
    public double MeanLuma()
    {
        double sum = 0;
        for (var i = 0; i + 2 < Rgb24.Length; i += 3)
        {
            sum += (0.2126 * Rgb24[i]) + (0.7152 * Rgb24[i + 1]) + (0.0722 * Rgb24[i + 2]);
        }
        return Rgb24.Length == 0 ? 0 : sum / (Rgb24.Length / 3) / 255.0;
    }

    /// <summary>Mean absolute difference of the two pictures' bytes (0..255); both must be the same size.</summary>
    public double MeanAbsoluteDifference(ImageFrame other)
    {
        if (other.Rgb24.Length != Rgb24.Length)
        {
            throw new ArgumentException("frames differ in size", nameof(other));
        }
        long sum = 0;
        for (var i = 0; i < Rgb24.Length; i++)
        {
            sum += Math.Abs(Rgb24[i] - other.Rgb24[i]);
        }
        return Rgb24.Length == 0 ? 0 : (double)sum / Rgb24.Length;
    }
}
