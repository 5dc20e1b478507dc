using AiVideo.Media.Similarity;

namespace AiVideo.McpServers.Render.Drift;

/// <summary>
/// CLIP-style image preprocessing: resize (bilinear) so the shorter side is <c>size</c>, centre-crop to size × size,
/// scale to 0..1 and normalise each channel with (x − mean) / std, laid out NCHW (channel planes R, G, B).
/// </summary>
public sealed class ClipImagePreprocessor(int size, IReadOnlyList<float> mean, IReadOnlyList<float> std)
{
    public int Size => size;

    /// <summary>The tensor's data, length 3 × size × size (batch of one).</summary>
    public float[] ToTensor(ImageFrame image)
    {
        if (image.Width <= 0 || image.Height <= 0 || image.Rgb24.Length != image.Width * image.Height * 3)
        {
            throw new ArgumentException("the frame's pixel data does not match its size", nameof(image));
        }
        var shortSide = Math.Min(image.Width, image.Height);
        var resizedWidth = Math.Max(size, (int)Math.Round(image.Width * (double)size / shortSide));
        var resizedHeight = Math.Max(size, (int)Math.Round(image.Height * (double)size / shortSide));
        var offsetX = (resizedWidth - size) / 2;
        var offsetY = (resizedHeight - size) / 2;
        var scaleX = image.Width / (double)resizedWidth;
        var scaleY = image.Height / (double)resizedHeight;
        var plane = size * size;
        var tensor = new float[3 * plane];
        for (var y = 0; y < size; y++)
        {
            var sy = Math.Clamp(((y + offsetY + 0.5) * scaleY) - 0.5, 0, image.Height - 1);
            var y0 = (int)sy;
            var y1 = Math.Min(y0 + 1, image.Height - 1);
            var fy = sy - y0;
            for (var x = 0; x < size; x++)
            {
                var sx = Math.Clamp(((x + offsetX + 0.5) * scaleX) - 0.5, 0, image.Width - 1);
                var x0 = (int)sx;
                var x1 = Math.Min(x0 + 1, image.Width - 1);
                var fx = sx - x0;
                for (var c = 0; c < 3; c++)
                {
                    var top = (Pixel(image, x0, y0, c) * (1 - fx)) + (Pixel(image, x1, y0, c) * fx);
                    var bottom = (Pixel(image, x0, y1, c) * (1 - fx)) + (Pixel(image, x1, y1, c) * fx);
                    var value = ((top * (1 - fy)) + (bottom * fy)) / 255.0;
                    tensor[(c * plane) + (y * size) + x] = (float)((value - mean[c]) / std[c]);
                }
            }
        }
        return tensor;
    }

    private static double Pixel(ImageFrame image, int x, int y, int channel) => image.Rgb24[(((y * image.Width) + x) * 3) + channel];
}
