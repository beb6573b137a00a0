# Candor: the two commands of the README are `make run` and `make test`.
# Everything else here is a building block of those two, or `make bench`.

PORT      ?= 8080
DATA_DIR  ?= $(CURDIR)/var
JOBS      ?= $(shell nproc)
RELEASE   := build/release
ASAN      := build/asan
CMAKE_GEN := -G "Unix Makefiles"

.PHONY: all deps build build-asan web models run test test-unit test-integration \
        test-e2e bench format format-check clean

all: build

deps:
	@scripts/install-deps.sh

$(RELEASE)/Makefile: CMakeLists.txt
	cmake -S . -B $(RELEASE) $(CMAKE_GEN) -DCMAKE_BUILD_TYPE=RelWithDebInfo

$(ASAN)/Makefile: CMakeLists.txt
	cmake -S . -B $(ASAN) $(CMAKE_GEN) -DCMAKE_BUILD_TYPE=Debug -DCANDOR_SANITIZE=ON

build: deps $(RELEASE)/Makefile web
	cmake --build $(RELEASE) -j $(JOBS) --target candor candor-analyze

build-asan: deps $(ASAN)/Makefile web
	cmake --build $(ASAN) -j $(JOBS)

web: deps
	@scripts/build-web.sh

models: deps
	@scripts/fetch-models.sh

run: build
	$(RELEASE)/candor serve --port $(PORT) --data-dir $(DATA_DIR)

# The whole suite: unit tests (ASan+UBSan), integration tests against the real
# server, and the browser end-to-end test.
test: build-asan models
	cd $(ASAN) && ctest --output-on-failure -j $(JOBS)

bench: build
	@bench/run-all.sh $(RELEASE)/candor

format:
	find src tests bench -name '*.[ch]' | xargs clang-format -i

format-check:
	find src tests bench -name '*.[ch]' | xargs clang-format --dry-run -Werror

clean:
	rm -rf build web/dist
