#include <cstdio>
int main() { std::puts("awq: under construction"); return 1; }
