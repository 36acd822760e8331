// logsim_accumulate: acc_out = acc_in + t, the exact sum saturated to the
// ACC-bit two's complement range (OVF_WRAP = 0) or reduced to its low ACC
// bits (OVF_WRAP = 1): step 3 of pe/doc.go.
module logsim_accumulate #(
    parameter integer ACC      = 32,
    parameter integer OVF_WRAP = 0
) (
    input  wire signed [ACC-1:0] acc_in,
    input  wire signed [ACC:0]   t,       // aligned term, clamped to ACC+1 bits
    output wire signed [ACC-1:0] acc_out
);
    wire signed [ACC+1:0] sum = acc_in + t;  // exact
    localparam [ACC-1:0] MAX = {1'b0, {(ACC-1){1'b1}}};
    localparam [ACC-1:0] MIN = {1'b1, {(ACC-1){1'b0}}};
    // The sum fits when its top three bits agree.
    wire fits = (sum[ACC+1:ACC-1] == 3'b000) || (sum[ACC+1:ACC-1] == 3'b111);
    generate
        if (OVF_WRAP != 0) begin : g_wrap
            assign acc_out = sum[ACC-1:0];
        end else begin : g_sat
            assign acc_out = fits ? sum[ACC-1:0] : (sum[ACC+1] ? MIN : MAX);
        end
    endgenerate
endmodule
