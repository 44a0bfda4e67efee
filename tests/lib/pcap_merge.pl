#!/usr/bin/perl
# Merges pcap captures into one, so that one tshark run checks them all.
#
# tshark spends about 0.6 s of CPU registering its dissectors each time it starts,
# far more than dissecting a handshake takes; a test that checks many captures merges
# them and starts tshark once (tests/lib/tshark_batch.sh). Perl, not Python: Debian
# always has it, and it starts in a few milliseconds (python3 takes 0.4 s of CPU here).
#
# Usage: pcap_merge.pl OUT IN...
# Prints one line per input: the tcp.stream number its first TCP connection gets in
# OUT; then one more: the number of TCP connections in OUT.
#
# Each input's TCP connections stay apart in OUT: every client port (any port but the
# server's, 443 or $SERVER_PORT) is renumbered, in order of first appearance, to
# 10000, 10001, ... across all inputs, so connection K of OUT has port 10000 + K and
# tshark numbers it tcp.stream K; the TCP checksum is updated for the new port
# (RFC 1624), so a valid one stays valid and a wrong one stays wrong. Each input's
# timestamps move 1000 s past the previous input's. With $PORT_MAP set, that file gets
# a line "INPUT OLD NEW" for each port renumbered (INPUT counts from 0). Nothing else changes: the TLS
# bytes tshark dissects are the inputs' own. An input that is not a complete
# little-endian Ethernet pcap (tlssim's --pcap) is an error, never skipped.
use strict;
use warnings;

my $server_port = $ENV{SERVER_PORT} // 443;
my $first_port = 10000;
@ARGV >= 2 or die "usage: pcap_merge.pl OUT IN...\n";
my ($out_path, @inputs) = @ARGV;

# RFC 1624 eqn. 3: the checksum after a 16-bit word changes from $old to $new.
sub csum_replace {
    my ($csum, $old, $new) = @_;
    my $s = (~$csum & 0xffff) + (~$old & 0xffff) + $new;
    $s = ($s & 0xffff) + ($s >> 16) for 1 .. 2;
    return ~$s & 0xffff;
}

open(my $out, '>:raw', $out_path) or die "pcap_merge: $out_path: $!\n";
my %ports;    # "input,old port" -> new port
my $magic;
my $shift = 0;    # seconds added to this input's timestamps
for my $n (0 .. $#inputs) {
    my $path = $inputs[$n];
    open(my $in, '<:raw', $path) or die "pcap_merge: $path: $!\n";
    my $data = do { local $/; <$in> };
    close $in;
    my $fail = sub { die "pcap_merge: $path: $_[0]\n" };
    length($data) >= 24 or $fail->('not a pcap file');
    my $m = substr($data, 0, 4);
    $m eq "\xd4\xc3\xb2\xa1" || $m eq "\x4d\x3c\xb2\xa1" or $fail->('not a little-endian pcap file');
    unpack('V', substr($data, 20, 4)) == 1 or $fail->('not an Ethernet capture');
    if (!defined $magic) {
        $magic = $m;
        print $out substr($data, 0, 24);
    } elsif ($m ne $magic) {
        $fail->("its timestamp resolution differs from the first input's");
    }
    print scalar(keys %ports), "\n";
    my ($first, $last, $pos) = (undef, 0, 24);
    while ($pos < length $data) {
        $pos + 16 <= length $data or $fail->("a record header cut short at byte $pos");
        my ($sec, $frac, $incl, $orig) = unpack('V4', substr($data, $pos, 16));
        $pos + 16 + $incl <= length $data or $fail->("a packet cut short at byte $pos");
        my $pkt = substr($data, $pos + 16, $incl);
        $pos += 16 + $incl;
        $first //= $sec;
        $last = $sec if $sec > $last;
        # Ethernet, IPv4 (type 0x0800), TCP (protocol 6).
        if ($incl >= 34 && substr($pkt, 12, 2) eq "\x08\x00" && ord(substr($pkt, 23, 1)) == 6) {
            my $tcp = 14 + (ord(substr($pkt, 14, 1)) & 0x0f) * 4;
            $incl >= $tcp + 18 or $fail->('a TCP header cut short');
            my $csum = unpack('n', substr($pkt, $tcp + 16, 2));
            for my $at ($tcp, $tcp + 2) {
                my $old = unpack('n', substr($pkt, $at, 2));
                next if $old == $server_port;
                my $count = keys %ports;
                my $new = $ports{"$n,$old"} //= $first_port + $count;
                substr($pkt, $at, 2) = pack('n', $new);
                $csum = csum_replace($csum, $old, $new);
            }
            substr($pkt, $tcp + 16, 2) = pack('n', $csum);
        }
        print $out pack('V4', $sec + $shift, $frac, $incl, $orig), $pkt;
    }
    $shift += $last - $first + 1000 if defined $first;
}
print scalar(keys %ports), "\n";
if (defined $ENV{PORT_MAP}) {
    open(my $map, '>', $ENV{PORT_MAP}) or die "pcap_merge: $ENV{PORT_MAP}: $!\n";
    print $map join(' ', split(/,/, $_), $ports{$_}), "\n" for sort { $ports{$a} <=> $ports{$b} } keys %ports;
    close $map;
}
close $out or die "pcap_merge: $out_path: $!\n";
