// logsim_stationary_cell: one PE (row ROW) of a weight- or
// input-stationary array. The stream token (valid, first of its fold,
// code: activations in WS, weights in IS) enters from the left and moves
// right; the partial sum enters from above and leaves below, registered.
// The column load path brings the next fold's stationary value (a weight
// in WS, an activation in IS) with the row it is bound for; the PE bound
// for latches it into its shadow register, the others pass it down. When a
// fold's first stream element arrives the shadow value becomes the active
// one, in the same cycle.
module logsim_stationary_cell #(
    parameter integer ABITS = 8, WBITS = 8, ASIGNED = 0, ACC = 32, FRAC = 0, FSRA = 0, FSRW = 0,
    parameter integer BASE_SQRT2 = 0, OVF_WRAP = 0, KIND = 0,
    parameter integer IS   = 0,  // 1: input stationary, else weight stationary
    parameter integer ROW  = 0,
    parameter integer DW   = 1,  // bits of a row number
    parameter integer SBITS = (IS != 0) ? WBITS : ABITS,  // stream code bits
    parameter integer TBITS = (IS != 0) ? ABITS : WBITS   // stationary code bits
) (
    input  wire             clk,
    input  wire             rst,
    input  wire             s_valid, s_first,
    input  wire [SBITS-1:0] s,
    input  wire [ACC-1:0]   p_in,
    input  wire             l_valid,
    input  wire [DW-1:0]    l_dest,
    input  wire [TBITS-1:0] l,
    output reg              s_valid_q, s_first_q,
    output reg  [SBITS-1:0] s_q,
    output reg  [ACC-1:0]   p_q,
    output reg              l_valid_q,
    output reg  [DW-1:0]    l_dest_q,
    output reg  [TBITS-1:0] l_q,
    output wire             out_valid,
    output wire [ACC-1:0]   out
);
    reg  [TBITS-1:0] active, shadow;
    wire             switch = s_valid & s_first;
    wire [TBITS-1:0] stat = switch ? shadow : active;
    wire [ACC-1:0]   sum;
    generate
        if (IS != 0) begin : g_is
            logsim_mac #(.KIND(KIND), .ABITS(ABITS), .WBITS(WBITS), .ASIGNED(ASIGNED), .ACC(ACC), .FRAC(FRAC),
                         .FSRA(FSRA), .FSRW(FSRW), .BASE_SQRT2(BASE_SQRT2), .OVF_WRAP(OVF_WRAP))
                u_mac (.acc_in(p_in), .a(stat), .w(s), .acc_out(sum));
        end else begin : g_ws
            logsim_mac #(.KIND(KIND), .ABITS(ABITS), .WBITS(WBITS), .ASIGNED(ASIGNED), .ACC(ACC), .FRAC(FRAC),
                         .FSRA(FSRA), .FSRW(FSRW), .BASE_SQRT2(BASE_SQRT2), .OVF_WRAP(OVF_WRAP))
                u_mac (.acc_in(p_in), .a(s), .w(stat), .acc_out(sum));
        end
    endgenerate
    wire mine = l_valid && (l_dest == ROW);
    assign out_valid = s_valid;
    assign out = sum;
    always @(posedge clk) begin
        s_valid_q <= rst ? 1'b0 : s_valid;
        s_first_q <= s_first;
        s_q       <= s;
        p_q       <= sum;
        l_valid_q <= rst ? 1'b0 : (l_valid & ~mine);
        l_dest_q  <= l_dest;
        l_q       <= l;
        if (switch) active <= shadow;
        if (mine) shadow <= l;
    end
endmodule
