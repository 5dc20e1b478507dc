using System.Text;

namespace AiVideo.McpServers.Render.Tests.Drift;

/// <summary>
/// Writes a tiny but valid ONNX model by hand (protobuf wire format, no model download): image [1, 3, S, S] →
/// GlobalAveragePool → Flatten → embedding [1, 3], i.e. each channel's mean of the normalised picture.
/// </summary>
public static class TinyOnnxModel
{
    public static byte[] MeanColourEncoder(int size)
    {
        var nodes = Concat(
            Field(1, Node("pixel_values", "pooled", "GlobalAveragePool")),
            Field(1, Node("pooled", "embedding", "Flatten")));
        var graph = Concat(
            nodes,
            Field(2, Encoding.UTF8.GetBytes("mean_colour")),
            Field(11, ValueInfo("pixel_values", [1, 3, size, size])),
            Field(12, ValueInfo("embedding", [1, 3])));
        return Concat(
            Varint(1, 8),                              // ir_version
            Field(2, Encoding.UTF8.GetBytes("aivideo-tests")), // producer_name
            Field(7, graph),                           // graph
            Field(8, Varint(2, 13)));                  // opset_import { version: 13 }
    }

    private static byte[] Node(string input, string output, string op) => Concat(
        Field(1, Encoding.UTF8.GetBytes(input)),
        Field(2, Encoding.UTF8.GetBytes(output)),
        Field(4, Encoding.UTF8.GetBytes(op)));

    private static byte[] ValueInfo(string name, long[] dims)
    {
        var shape = Concat(dims.Select(d => Field(1, Varint(1, d))).ToArray());
        var tensor = Concat(Varint(1, 1), Field(2, shape)); // elem_type FLOAT, shape
        return Concat(Field(1, Encoding.UTF8.GetBytes(name)), Field(2, Field(1, tensor)));
    }

    private static byte[] Field(int number, byte[] payload) => Concat(Raw((ulong)((number << 3) | 2)), Raw((ulong)payload.Length), payload);

    private static byte[] Varint(int number, long value) => Concat(Raw((ulong)(number << 3)), Raw((ulong)value));

    private static byte[] Raw(ulong value)
    {
        var bytes = new List<byte>();
        do
        {
            var b = (byte)(value & 0x7F);
            value >>= 7;
            bytes.Add(value != 0 ? (byte)(b | 0x80) : b);
        }
        while (value != 0);
        return [.. bytes];
    }

    private static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();
}
