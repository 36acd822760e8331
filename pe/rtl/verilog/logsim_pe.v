// logsim_pe: a registered PE, the unit logsim prices and synthesizes: an
// activation register, a weight register and the accumulator (the
// registers logsim prices; only the valid bit has a reset). Every cycle it
// latches a, w, en and clr; in the next cycle, if the latched en was 1, it
// adds the product to the accumulator (to zero when the latched clr was 1,
// starting a new sum). acc is the accumulator register.
module logsim_pe #(
    parameter integer KIND       = 0,
    parameter integer ABITS      = 8,
    parameter integer WBITS      = 8,
    parameter integer ASIGNED    = 0,
    parameter integer ACC        = 32,
    parameter integer FRAC       = 0,
    parameter integer FSRA       = 0,
    parameter integer FSRW       = 0,
    parameter integer BASE_SQRT2 = 0,
    parameter integer OVF_WRAP   = 0
) (
    input  wire             clk,
    input  wire             rst,   // synchronous, clears the valid bit
    input  wire             en,    // a and w carry an operand pair
    input  wire             clr,   // this pair starts a new sum
    input  wire [ABITS-1:0] a,
    input  wire [WBITS-1:0] w,
    output reg  [ACC-1:0]   acc
);
    reg [ABITS-1:0] a_q;
    reg [WBITS-1:0] w_q;
    reg             v_q, clr_q;
    wire [ACC-1:0] acc_next;
    logsim_mac #(.KIND(KIND), .ABITS(ABITS), .WBITS(WBITS), .ASIGNED(ASIGNED), .ACC(ACC), .FRAC(FRAC),
                 .FSRA(FSRA), .FSRW(FSRW), .BASE_SQRT2(BASE_SQRT2), .OVF_WRAP(OVF_WRAP))
        u_mac (.acc_in(clr_q ? {ACC{1'b0}} : acc), .a(a_q), .w(w_q), .acc_out(acc_next));
    always @(posedge clk) begin
        a_q   <= a;
        w_q   <= w;
        clr_q <= clr;
        v_q   <= rst ? 1'b0 : en;
        if (v_q) acc <= acc_next;
    end
endmodule
