// logsim_skew: the array edge's skew buffer. Lane l of in is delayed by l
// clock cycles (lane 0 passes straight through), so that a vector applied
// at once enters lane l of the array l cycles later: the wavefront of a
// systolic array.
module logsim_skew #(
    parameter integer LANES = 4,
    parameter integer WIDTH = 8
) (
    input  wire                   clk,
    input  wire [LANES*WIDTH-1:0] in,
    output wire [LANES*WIDTH-1:0] out
);
    genvar l, d;
    generate
        for (l = 0; l < LANES; l = l + 1) begin : g_lane
            wire [WIDTH-1:0] stage [0:l];
            assign stage[0] = in[l*WIDTH +: WIDTH];
            for (d = 1; d <= l; d = d + 1) begin : g_delay
                reg [WIDTH-1:0] r;
                always @(posedge clk) r <= stage[d-1];
                assign stage[d] = r;
            end
            assign out[l*WIDTH +: WIDTH] = stage[l];
        end
    endgenerate
endmodule
