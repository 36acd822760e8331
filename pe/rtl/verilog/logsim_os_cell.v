// logsim_os_cell: one PE of an output-stationary array. The activation
// token (valid, first and last of the fold's K elements, code) enters from
// the left and the weight from the top; both move on through registers.
// The PE adds their product to its accumulator (to zero on the first
// element); on the last it presents the finished sum on out (the cycle of
// its last MAC: a result port per PE) and the next fold may start in the
// following cycle.
module logsim_os_cell #(
    parameter integer ABITS = 8, WBITS = 8, ASIGNED = 0, ACC = 32, FRAC = 0, FSRA = 0, FSRW = 0,
    parameter integer BASE_SQRT2 = 0, OVF_WRAP = 0, KIND = 0
) (
    input  wire             clk,
    input  wire             rst,
    input  wire             a_valid, a_first, a_last,
    input  wire [ABITS-1:0] a,
    input  wire [WBITS-1:0] w,
    output reg              a_valid_q, a_first_q, a_last_q,
    output reg  [ABITS-1:0] a_q,
    output reg  [WBITS-1:0] w_q,
    output wire             out_valid,
    output wire [ACC-1:0]   out
);
    reg  [ACC-1:0] acc;
    wire [ACC-1:0] sum;
    logsim_mac #(.KIND(KIND), .ABITS(ABITS), .WBITS(WBITS), .ASIGNED(ASIGNED), .ACC(ACC), .FRAC(FRAC),
                 .FSRA(FSRA), .FSRW(FSRW), .BASE_SQRT2(BASE_SQRT2), .OVF_WRAP(OVF_WRAP))
        u_mac (.acc_in(a_first ? {ACC{1'b0}} : acc), .a(a), .w(w), .acc_out(sum));
    assign out_valid = a_valid & a_last;
    assign out = sum;
    always @(posedge clk) begin
        a_valid_q <= rst ? 1'b0 : a_valid;
        a_first_q <= a_first;
        a_last_q  <= a_last;
        a_q       <= a;
        w_q       <= w;
        if (a_valid) acc <= sum;
    end
endmodule
