using System.Text.Json.Serialization;

namespace TBot.Adapters.Simulator.Transport;

/// <summary>Source-generated (reflection-free) JSON for the few request values the simulator deserializes.</summary>
[JsonSerializable(typeof(string[]))]
internal sealed partial class SimulatorJsonContext : JsonSerializerContext;
